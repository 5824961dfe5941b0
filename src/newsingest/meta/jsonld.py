"""JSON-LD in HTML pages: the objects a page states about itself, and the article among them.

Publishers write JSON-LD for search engines, so it is usually the most exact statement of the
headline, authors and dates — but also often sloppy JSON (trailing commas, raw control
characters), and the article object hides in ``@graph`` lists among WebSite, Organization and
BreadcrumbList objects. Reading here is lenient; a script that is still not JSON is a warning,
never a failure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from newsingest.model import ParseWarning

__all__ = ["ARTICLE_TYPES", "article_object", "id_index", "jsonld_objects", "names", "not_person",
           "person_names",
           "resolve", "text_value"]

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "report", "liveblogposting",
    "socialmediaposting", "techarticle", "scholarlyarticle", "webpage", "posting",
})
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: Most objects read from one page (a product listing can hold thousands).
MAX_OBJECTS = 500


def _load_json(text: str) -> Any:
    """JSON as browsers' search crawlers accept it: trailing commas and control characters pass.

    >>> _load_json('{"headline": "A",}')
    {'headline': 'A'}
    """
    try:
        return json.loads(text, strict=False)
    except ValueError:
        cleaned = _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text)).strip().rstrip(";")
        return json.loads(cleaned, strict=False)


def jsonld_objects(root: Any) -> tuple[list[dict[str, Any]], list[ParseWarning]]:
    """Every JSON-LD object on the page, ``@graph`` and lists flattened; bad scripts warn."""
    found: list[dict[str, Any]] = []
    warnings: list[ParseWarning] = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        text = (script.text or "").strip()
        if not text:
            continue
        try:
            data = _load_json(text)
        except (ValueError, RecursionError):
            warnings.append(ParseWarning("invalid-jsonld", "a JSON-LD script is not valid JSON "
                                         "and was ignored; metadata comes from meta tags"))
            continue
        stack = [data]
        while stack and len(found) < MAX_OBJECTS:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                if isinstance(graph, (list, dict)):
                    stack.append(graph)
    return found, warnings


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.casefold() for v in values if isinstance(v, str)}


def names(value: Any) -> Iterator[str]:
    """Author-like values: strings, ``{"name": ...}`` objects, lists of either.

    >>> list(names([{"@type": "Person", "name": "Jane Doe"}, "John Roe", 7]))
    ['Jane Doe', 'John Roe']
    """
    items = value if isinstance(value, list) else [value]
    for item in items[:20]:
        if isinstance(item, dict):
            item = item.get("name")
            if isinstance(item, list):
                yield from (v for v in item if isinstance(v, str))
                continue
        if isinstance(item, str):
            yield item


def id_index(objects: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Objects by their ``@id``: ``@graph`` pages state the author once, as a Person, and refer
    to it from the article as ``{"@id": ...}``."""
    index: dict[str, dict[str, Any]] = {}
    for obj in objects:
        key = obj.get("@id")
        if isinstance(key, str) and len(obj) > 1:
            index.setdefault(key, obj)
    return index


def resolve(value: Any, index: dict[str, dict[str, Any]]) -> Any:
    """``value`` with ``{"@id": ...}`` references (alone or in a list) replaced by the objects
    they name.

    >>> resolve([{"@id": "#a"}], {"#a": {"@id": "#a", "name": "Jane Doe"}})
    [{'@id': '#a', 'name': 'Jane Doe'}]
    """
    if isinstance(value, list):
        return [resolve(item, index) for item in value[:20]]
    if isinstance(value, dict) and set(value) <= {"@id", "@type"}:
        key = value.get("@id")
        return index.get(key, value) if isinstance(key, str) else value
    return value


#: JSON-LD types that are not people: an author of one of these is the publisher.
_NOT_PEOPLE = frozenset({"organization", "newsmediaorganization", "corporation",
                         "localbusiness", "website", "webpage", "brand", "educationalorganization",
                         "governmentorganization", "medicalorganization", "ngo"})


def not_person(obj: dict[str, Any]) -> bool:
    """An Organization, a WebSite, a Brand...: no person's name."""
    return bool(_types(obj) & _NOT_PEOPLE)


def person_names(value: Any, index: dict[str, dict[str, Any]]) -> Iterator[str]:
    """Author names, ``@id`` references resolved, Organizations left out (a publisher is no
    author).

    >>> list(person_names([{"@type": "Organization", "name": "Gazette"}, "Jane Doe"], {}))
    ['Jane Doe']
    """
    resolved = resolve(value, index)
    items = resolved if isinstance(resolved, list) else [resolved]
    people = [item for item in items if not (isinstance(item, dict) and not_person(item))]
    yield from names(people)


def text_value(value: Any) -> str | None:
    """One text from a JSON-LD value (a string, the first of a list, an object's name),
    whitespace folded; ``None`` when there is none.

    >>> text_value(["Local", "Politics"]), text_value({"@value": " 2024-03-05 "})
    ('Local', '2024-03-05')
    """
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, dict))), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def article_object(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON-LD object describing the article (the most specific type, the longest body);
    an empty dict when there is none."""
    best: dict[str, Any] = {}
    best_rank = (-1, -1)
    for obj in objects:
        types = _types(obj)
        if not types & ARTICLE_TYPES:
            continue
        specific = 0 if types <= {"webpage"} else 1
        body = obj.get("articleBody")
        rank = (specific, len(body) if isinstance(body, str) else 0)
        if rank > best_rank:
            best, best_rank = obj, rank
    return best
