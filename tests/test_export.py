"""Markdown and text exports (issue 15): front matter, byline line, heading levels as in the
source, list markers written once, captions and tables kept readable."""

from __future__ import annotations

import newsingest
from newsingest.model import Block, Document, Metadata, Source

SOURCE = Source("story.html", "text/html", "0" * 64, 1, "html", "1")
TABLE = (("Team", "Wins"), ("Rovers", "12"), ("United", "9"))


def rich() -> Document:
    return Document(SOURCE, Metadata(title="Derby Day", authors=("Ann Lee", "Bo Chen"),
                                     published="2026-03-24T18:00:00+01:00", section="Sport",
                                     keywords=("football",)), (
        Block("paragraph", "Rovers won again."),
        Block("heading", "The table", level=2),
        Block("table", "Team | Wins", rows=TABLE),
        Block("caption", "The league after round 9."),
        Block("heading", "Details", level=3),
        Block("list_item", "goals: 3", ordered=True, marker="1.", depth=0),
        Block("list_item", "cards: 2", ordered=True, marker="2.", depth=0),
        Block("list_item", "a note", ordered=False, marker="•", depth=0),
    ))


def test_markdown_front_matter_is_yaml_metadata() -> None:
    md = rich().to_markdown(front_matter=True)
    head, body = md.split("\n---\n", 1)
    assert head.splitlines() == ["---", 'title: "Derby Day"', 'authors: ["Ann Lee", "Bo Chen"]',
                                 "published: 2026-03-24T18:00:00+01:00", 'section: "Sport"',
                                 'keywords: ["football"]', 'source: "story.html"']
    assert body.lstrip().startswith("# Derby Day")
    assert not rich().to_markdown().startswith("---")


def test_markdown_byline_and_date_line_under_the_title() -> None:
    lines = rich().to_markdown().split("\n\n")
    assert lines[:2] == ["# Derby Day", "*By Ann Lee and Bo Chen · 2026-03-24*"]


def test_markdown_headings_keep_the_source_level() -> None:
    md = rich().to_markdown()
    assert "\n## The table\n" in md and "\n### Details\n" in md


def test_list_marker_is_written_once() -> None:
    doc = newsingest.parse_text("A Story Headline Here\n\nThe plan has three parts:\n\n"
                                "1. new piers for the harbour;\n2. dredging of the channel;\n"
                                "3. a park by the water.\n\nThe end of the story is here.\n")
    items = [b for b in doc.blocks if b.type.value == "list_item"]
    assert [(b.marker, b.text) for b in items] == [
        ("1.", "new piers for the harbour;"), ("2.", "dredging of the channel;"),
        ("3.", "a park by the water.")]
    md = doc.to_markdown()
    assert "1. new piers for the harbour;\n2. dredging" in md and "1. 1." not in md
    assert "\n1. new piers" in doc.text and "1. 1." not in doc.text
    markdown = rich().to_markdown()
    assert "1. goals: 3\n2. cards: 2\n\n- a note" in markdown  # a bullet list is a new list


def test_tables_and_captions_stay_readable_in_markdown_and_text() -> None:
    table = "| Team   | Wins |\n|--------|------|\n| Rovers | 12   |\n| United | 9    |"
    md, text = rich().to_markdown(), rich().text
    assert table in md and table in text
    assert "*The league after round 9.*" in md
    assert "[Caption: The league after round 9.]" in text
