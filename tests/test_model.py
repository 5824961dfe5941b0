"""The model round-trips through JSON exactly and validates against the shipped schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsingest
from newsingest.model import (
    Block,
    BlockType,
    Document,
    Furniture,
    FurnitureKind,
    Metadata,
    ParseWarning,
    Provenance,
    Repair,
    Source,
)
from newsingest.serialize import SCHEMA_PATH, from_json

SCHEMA = json.loads(Path(SCHEMA_PATH).read_text(encoding="utf-8"))
text = st.text(max_size=30)
maybe = st.none() | text
coords = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False).map(lambda v: round(v, 2))
provenance = st.builds(
    Provenance,
    page=st.none() | st.integers(1, 500),
    bbox=st.none() | st.tuples(coords, coords, coords, coords),
    lines=st.none() | st.tuples(st.integers(1, 10**6), st.integers(1, 10**6)),
    path=maybe,
)


@st.composite
def blocks(draw: Any) -> Block:
    kind = draw(st.sampled_from(list(BlockType)))
    return Block(
        kind,
        draw(text),
        raw=draw(maybe),
        provenance=draw(provenance),
        level=draw(st.integers(1, 6)) if kind is BlockType.HEADING else None,
        ordered=draw(st.none() | st.booleans()),
        marker=draw(maybe),
        depth=draw(st.none() | st.integers(0, 5)),
        rows=draw(st.none() | st.lists(st.lists(text, max_size=3).map(tuple),
                                       max_size=3).map(tuple)),
    )


iso = st.none() | st.dates().map(lambda d: d.isoformat())
documents = st.builds(
    Document,
    source=st.builds(Source, name=maybe, media_type=text,
                     sha256=st.just("0" * 64), size=st.integers(0, 10**9), parser=text,
                     parser_version=text),
    metadata=st.builds(Metadata, title=maybe, subtitle=maybe,
                       authors=st.lists(text, max_size=3).map(tuple), published=iso, modified=iso,
                       site_name=maybe, url=maybe, language=maybe, section=maybe,
                       description=maybe, keywords=st.lists(text, max_size=3).map(tuple)),
    blocks=st.lists(blocks(), max_size=5).map(tuple),
    furniture=st.lists(st.builds(Furniture, st.sampled_from(list(FurnitureKind)), text,
                                 provenance), max_size=3).map(tuple),
    repairs=st.lists(st.builds(Repair, text, text, st.integers(1, 100), text, text,
                               st.lists(provenance, max_size=2).map(tuple), st.booleans()),
                     max_size=3).map(tuple),
    warnings=st.lists(st.builds(ParseWarning, text, text, st.none() | provenance),
                      max_size=2).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(documents)
def test_json_round_trip_and_schema(doc: Document) -> None:
    dumped = doc.to_json()
    assert Document.from_json(dumped) == doc
    jsonschema.validate(json.loads(dumped), SCHEMA)
    assert doc.to_json() == dumped  # deterministic


def test_schema_version_leads_and_newer_major_is_refused() -> None:
    doc = newsingest.parse_text("Headline\n\nBody.\n")
    data = json.loads(doc.to_json())
    assert next(iter(data)) == "schema_version"
    data["schema_version"] = "2.0"
    with pytest.raises(newsingest.ParseError, match="upgrade newsingest"):
        from_json(json.dumps(data))


def test_from_json_rejects_garbage() -> None:
    with pytest.raises(newsingest.ParseError, match="invalid JSON"):
        Document.from_json("{nope")
    with pytest.raises(newsingest.ParseError, match="JSON object"):
        Document.from_json("[1, 2]")


def test_heading_needs_a_level() -> None:
    with pytest.raises(ValueError, match="level"):
        Block(BlockType.HEADING, "Title")
    assert Block("heading", "Title", level=2).type is BlockType.HEADING


def test_model_is_frozen_and_evolves() -> None:
    block = Block(BlockType.PARAGRAPH, "x")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        block.text = "y"  # type: ignore[misc]
    assert attrs.evolve(block, text="y").text == "y"
