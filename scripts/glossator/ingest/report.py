"""What `glossator ingest` tells the annotator: what it did, what to confirm, what to do next."""

from __future__ import annotations

from .entry import Report


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _posts(report: Report) -> list[str]:
    if not report.candidates:
        return []
    lines = [
        "Embedded posts, kept as quotations (each naming its author is drafted in annotations/sources.yaml "
        "with `draft: true`: confirm it; add the others by hand; then set quote_of):"
    ]
    for c in report.candidates:
        who = f"{c.name} (@{c.handle}), {c.date}" if c.handle else "unknown author"
        link = f", {c.link}" if c.link else ""
        lines.append(f"  {', '.join(c.paragraphs)}: {who}{link}")
    return lines


def _outlets(report: Report) -> list[str]:
    if not report.citations:
        return []
    lines = [
        "Cited outlets (each report not yet in annotations/sources.yaml is drafted there with `draft: true` "
        "and no URL, date or title: find the report, fill in what you verified, then confirm it):"
    ]
    for c in report.citations:
        forms = ", ".join(f'"{form}"' for form in c.forms)
        said = f"{', '.join(c.paragraphs)}: {c.outlet.names[0]} (as {forms})"
        if c.draft:
            lines.append(f"  {said}: drafted as '{c.draft['id']}'")
        elif c.recorded:
            lines.append(f"  {said}: already in the registry as '{c.recorded}'")
        else:
            lines.append(f"  {said}: not drafted, cited only in paragraphs this correction left unchanged")
    return lines


def describe(report: Report) -> str:
    held = report.held
    if report.status in ("unchanged", "completed") and held:
        which = (
            "its current version"
            if held.version is None
            else f"its version {held.version} ({held.file}, replaced on {held.replaced})"
        )
        said = f"these exact bytes are already in the corpus as '{report.id}', {which}"
        if report.status == "unchanged":
            return f"Nothing changed: {said}."
        lines = [f"Completed an interrupted ingest: {said}. Wrote: " + ", ".join(report.written)]
        return "\n".join(lines + _posts(report) + _outlets(report))
    lines = [
        f"{'Updated' if report.status == 'updated' else 'Ingested'} corpus/{report.id}/ ({report.format})."
    ]
    if report.changes:
        c = report.changes
        lines.append(
            f"Correction: {len(c.kept)} paragraphs unchanged, {len(c.edited)} edited (same id), {len(c.added)} new, "
            f"{len(c.retired)} removed (ids retired)"
        )
        for label, ids in (("Edited", c.edited), ("New", c.added), ("Retired", c.retired)):
            if ids:
                lines.append(f"  {label}: {', '.join(ids)}")
        if c.edited:
            lines.append(
                "  The translations and claims of edited paragraphs are now stale: see `glossator check`."
            )
    how = "as given" if report.certainty is None else f"detected, certainty {report.certainty:.2f}"
    lines.append(f"Language: {report.language} ({how})")
    left_out = [p for p in report.paragraphs if p["kind"] == "boilerplate"]
    lines.append(
        f"Paragraphs: {len(report.paragraphs) - len(left_out)} in the reading text, {len(left_out)} left out as boilerplate"
    )
    if left_out:
        lines.append("Left out as boilerplate (confirm, or change `kind` in article.yaml):")
        lines += [f"  {p['id']}: {p['reason']}: {_short(p['text'])}" for p in left_out]
    lines += _posts(report) + _outlets(report)
    if report.stripped:
        lines.append("Removed invisible characters (`glossator check` refuses them in corpus text):")
        lines += [f"  {line}" for line in report.stripped]
    lines.append("Wrote: " + ", ".join(report.written))
    lines += [
        "Next:",
        f"  glossator translate {report.id} --dry-run   # cost, then without --dry-run (needs DEEPL_AUTH_KEY)",
        f"  edit annotations/claims/{report.id}.yaml   # the claims",
        "  glossator check",
    ]
    return "\n".join(lines)
