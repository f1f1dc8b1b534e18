"""What the pages call things: titles, language names, entity names, how a source reaches us.
Pure functions over the site data; the templates get them as globals."""

from __future__ import annotations

from ..model import Article
from .model import SiteData

LANGUAGE_NAMES = {"de": "German", "en": "English", "zh": "Chinese"}


def display_title(meta: Article) -> str:
    return meta.display_title


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def entity_name(data: SiteData, entity_id: str) -> str:
    entity = data.entities.get(entity_id)
    return entity.names[0].name if entity else entity_id


def via_steps(data: SiteData, source_id: str) -> list[list[str]]:
    """How a source reaches us: the sources it is known via, then theirs, and so on ("known via X
    and Y, via Z"); empty when we have it directly."""
    steps, current, seen = [], source_id, {source_id}
    while True:
        source = data.sources.get(current)
        via = [v for v in (source.via if source else ()) if v not in seen]
        if not via:
            return steps
        steps.append(via)
        seen.update(via)
        current = via[0]
