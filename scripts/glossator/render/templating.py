"""Page generation: one Jinja2 environment with autoescape, the front matter
MkDocs reads, and the raw-HTML blocks pages carry.

Escaping is the default: every value a template prints is escaped unless it is `Markup`, and the
only `Markup` made from corpus text is the output of `inline_html` (in `_inline`, below).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache
from html import escape

from jinja2 import Environment, PackageLoader, Undefined, pass_context
from markupsafe import Markup

from ..markdown import block_html
from ..yamledit import dump_yaml
from . import chain, labels, urls, vocab
from .html import esc
from .inline import inline_html, lang_han, tint_marks
from .redirects import alias_anchors


def _inline(
    text: str, marks: Iterable = (), href_prefix: str = "#claim-", tints: Mapping[str, str] | None = None
) -> Markup:
    """Paragraph Markdown as HTML. inline_html escapes every character of `text` itself; this is
    the one place where its output is declared safe. `tints` (claim id -> CSS class) adds a class
    to each mark, that of its first claim in `tints`."""
    html = inline_html(text, list(marks), href_prefix)
    if tints:
        html = tint_marks(html, tints)
    return Markup(_references(lang_han(html)))


def _han(value: object) -> Markup:
    """A plain value, escaped, with its Han characters marked lang="zh" (see inline.lang_han)."""
    return Markup(lang_han(_references(escape(str(value), quote=True))))


def _block(text: str) -> Markup:
    """A table or code block as HTML (markdown.block_html escapes the text itself)."""
    return Markup(_references(block_html(text)))


def _references(html: str) -> str:
    return html.replace("\r", "&#13;").replace("\n", "&#10;")


def _finalize(value: object) -> object:
    # A line break in a value must not end the raw-HTML block early (see `block`), so it is
    # written as a character reference: the same character to the browser. Markup (a macro's
    # output, inline HTML) has had its values' line breaks replaced already.
    if type(value) is str and ("\n" in value or "\r" in value):
        return Markup(_references(escape(value, quote=True)))
    return value  # autoescape escapes it


def block(html: str) -> Markup:
    """A raw HTML block for Markdown, on one line so that no blank line can end it early. The line
    breaks it drops are the templates' own layout; those of values are references by now."""
    lines = str(html).split("\n")  # not splitlines(): U+2028 or U+0085 in a value is no line break
    return Markup(" ".join(line.strip(" \t") for line in lines if line.strip(" \t")))


@pass_context
def _evidence_chain(context, claim) -> Markup:
    """A claim's independent origins, drawn (render/chain.py) and in words, for the page being
    rendered: `{{ evidence_chain(claim) }}` in any template."""
    data, page = context["data"], context["page"]
    # The chain depends only on the sources the claim cites, and its links (to source pages,
    # without fragments) only on where the source pages are seen from: an article's page and its
    # claims' pages (both a folder deep) share it, and so do claims citing the same sources.
    seen_from = urls.url(page, urls.source_page("-"))
    key = ("chain", seen_from, tuple(ref.source for ref in claim.sources))
    if key not in data.drawn:
        origins = chain.origins(data.sources, claim)
        template = environment().get_template("chain.html")
        data.drawn[key] = Markup(
            template.render(page=page, data=data, m=context["m"], origins=origins, chain=chain)
        )
    return data.drawn[key]


class _Undefined(Undefined):
    """A missing field is false and iterates as empty (optional fields), but printing one fails
    the build instead of showing nothing."""

    __str__ = Undefined._fail_with_undefined_error


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("glossator.render", "templates"),
        autoescape=True,
        undefined=_Undefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build: no stat() per page
    )
    env.filters["block"] = block
    env.filters["han"] = _han
    env.globals["inline"] = _inline
    env.globals["markdown_block"] = _block
    env.globals["url"] = urls.url
    env.globals["urls"] = urls
    env.globals["vocab"] = vocab
    env.globals["aliases"] = alias_anchors
    env.globals["evidence_chain"] = _evidence_chain
    env.globals.update(
        display_title=labels.display_title,
        language_name=labels.language_name,
        entity_name=labels.entity_name,
        via_steps=labels.via_steps,
    )
    return env


class Macros:
    """The macros of macros.html for one page, as `m` in every template (and in macros.html).
    Those whose output depends only on their arguments (the page being fixed) are rendered once
    per page: a source cited by twenty claims is linked once, not twenty times."""

    PURE = frozenset(
        {
            "badge",
            "confidence_badge",
            "status_badge",
            "grade_badge",
            "source_link",
            "entity_link",
            "claimant",
            "via_chain",
        }
    )

    def __init__(self, page: str, data: object) -> None:
        self._memo: dict[tuple, Markup] = {}
        self._module = (
            environment().get_template("macros.html").make_module({"page": page, "data": data, "m": self})
        )

    def __getattr__(self, name: str) -> Callable:
        macro = getattr(self._module, name)
        if name not in self.PURE:
            return macro

        def once(*args: object) -> Markup:
            key = (name, *args)
            if key not in self._memo:
                self._memo[key] = macro(*args)
            return self._memo[key]

        return once


def render(template: str, *, page: str, data: object, **context: object) -> str:
    """The template rendered for the site page `page` (links are made relative to it)."""
    macros = Macros(page, data)
    return environment().get_template(template).render(page=page, data=data, m=macros, **context)


def front_matter(
    title: str, *, description: str | None = None, hide_toc: bool = False, og_type: str | None = None
) -> str:
    """YAML front matter, written by the YAML emitter (any character is quoted or escaped as YAML
    needs). The title is HTML-escaped first because Material puts `page.meta.title` into <title>
    as is. The left sidebar is hidden (the tabs are the navigation), and the table of contents on
    pages that are one long table. `og_type` is the Open Graph type of site_src/overrides/main.html
    (`website` when not given)."""
    data: dict[str, object] = {"title": esc(title)}
    if description:
        data["description"] = esc(description)
    if og_type:
        data["og_type"] = og_type
    data["hide"] = ["navigation", "toc"] if hide_toc else ["navigation"]
    return f"---\n{dump_yaml(data)}---\n\n"
