"""JSON (un)structuring of the model with cattrs, kept out of the model itself.

Output is deterministic: fields in model order, ``None`` values and empty type-specific fields
left out of blocks, no timestamps of the run. ``schema_version`` leads every document so a reader
can refuse one it does not understand.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from newsingest.errors import ParseError
from newsingest.model import SCHEMA_VERSION, Block, Document, Provenance, _date

__all__ = ["SCHEMA_PATH", "converter", "from_dict", "from_json", "to_dict", "to_json"]

converter = cattrs.Converter(forbid_extra_keys=False)

_OPTIONAL_BLOCK_FIELDS = ("raw", "level", "ordered", "marker", "depth", "rows")


def _unstructure_provenance(p: Provenance) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if p.page is not None:
        out["page"] = p.page
    if p.bbox is not None:
        out["bbox"] = list(p.bbox)
    if p.lines is not None:
        out["lines"] = list(p.lines)
    if p.path is not None:
        out["path"] = p.path
    if p.regions:
        out["regions"] = [_unstructure_provenance(r) for r in p.regions]
    return out


def _structure_provenance(data: Any, _: Any) -> Provenance:
    if not isinstance(data, dict):
        raise TypeError(f"provenance must be an object, not {type(data).__name__}")
    regions = tuple(_structure_provenance(r, Provenance) for r in data.get("regions") or ())
    return Provenance(page=data.get("page"), bbox=data.get("bbox"), lines=data.get("lines"),
                      path=data.get("path"), regions=regions)


converter.register_unstructure_hook(Provenance, _unstructure_provenance)
# Dates are objects in Python and ISO 8601 strings in JSON.
# (``value.isoformat()``, not ``date.isoformat``: a datetime field typed ``date`` keeps its time.)
converter.register_unstructure_hook(datetime.date, lambda value: value.isoformat())
converter.register_structure_hook(datetime.date, lambda value, _: _date(value))
converter.register_structure_hook(Provenance, _structure_provenance)
_block_fn = make_dict_unstructure_fn(Block, converter)


def _unstructure_block(block: Block) -> dict[str, Any]:
    data = _block_fn(block)
    for key in _OPTIONAL_BLOCK_FIELDS:
        if data.get(key) is None:
            data.pop(key, None)
    if not data.get("links"):
        data.pop("links", None)  # only HTML blocks have links; absent rather than empty
    return data




def _unstructure_document(doc: Document) -> dict[str, Any]:
    return {"schema_version": doc.schema_version, **_document_fn(doc)}


converter.register_unstructure_hook(Block, _unstructure_block)
_document_fn = make_dict_unstructure_fn(Document, converter, schema_version=override(omit=True))
converter.register_unstructure_hook(Document, _unstructure_document)


def to_dict(doc: Document) -> dict[str, Any]:
    """The JSON-ready dict of ``doc``."""
    result: dict[str, Any] = converter.unstructure(doc)
    return result


def to_json(doc: Document, *, indent: int | None = 2) -> str:
    """Serialize ``doc``; ``indent=None`` gives one line (JSON Lines)."""
    separators = (",", ":") if indent is None else None
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=indent, separators=separators)


def from_dict(data: dict[str, Any]) -> Document:
    """Rebuild a Document; refuses a ``schema_version`` of another major version than ours."""
    version = str(data.get("schema_version", ""))
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise ParseError(
            f"schema_version {version!r} is not supported (this newsingest reads "
            f"{SCHEMA_VERSION.split('.')[0]}.x); upgrade newsingest"
        )
    try:
        return converter.structure(data, Document)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        raise ParseError(f"not a newsingest document: {exc}") from exc


def from_json(text: str | bytes) -> Document:
    """Inverse of :func:`to_json`."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ParseError(f"invalid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ParseError("a newsingest document is a JSON object")
    return from_dict(data)


def _schema_path() -> str:
    from importlib.resources import files

    return str(files("newsingest") / "schema" / "document.schema.json")


SCHEMA_PATH = _schema_path()
