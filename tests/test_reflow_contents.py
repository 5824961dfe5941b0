"""Tables of contents from blocks that end in a dot leader and a page number."""

from __future__ import annotations

from newsingest.model import Block, BlockType, Provenance
from newsingest.reflow.contents import contents_tables


def _p(text: str, page: int = 1, top: float = 0.0) -> Block:
    return Block(BlockType.PARAGRAPH, text, provenance=Provenance(page=page,
                                                                  bbox=(72, top, 500, top + 10)))


def test_a_run_of_contents_entries_is_one_table_with_page_numbers() -> None:
    blocks = [_p("Contents"), _p("Notices . . . . . . . vii", top=20),
              _p("1.1 Security fundamentals. . . . . . . . 2", top=32),
              _p("Chapter 2. Roles ......................... 7", page=2, top=40),
              _p("The body begins here.")]
    out = contents_tables(blocks)
    assert [b.type for b in out] == [BlockType.PARAGRAPH, BlockType.TABLE, BlockType.PARAGRAPH]
    table = out[1]
    assert table.rows == (("Notices", "vii"), ("1.1 Security fundamentals", "2"),
                          ("Chapter 2. Roles", "7"))
    assert [r.page for r in table.provenance.regions] == [1, 2]
    assert table.provenance.regions[0].bbox == (72, 20, 500, 42)


def test_two_entries_or_an_ellipsis_in_prose_stay_paragraphs() -> None:
    blocks = [_p("Notices . . . . . . . vii"), _p("Preface . . . . . . . xi"),
              _p("He paused . . . . and left at 9")]
    assert contents_tables(blocks[:2]) == tuple(blocks[:2])
    assert contents_tables(blocks[2:]) == tuple(blocks[2:])


def test_a_wrapped_entry_title_joins_the_entry_after_it() -> None:
    # the break rules end a contents entry's first line where the next word would have fitted
    # (it wraps short of the page-number column): that block is the start of the next entry
    blocks = [_p(f"Entry {k} . . . . . . . . . . {k}") for k in range(1, 4)]
    wrapped = _p("3.4 Establishing and controlling access by")
    tail = _p("using the rule text . . . . . . . . 21")
    out = contents_tables([*blocks, wrapped, tail, _p("Prose after the contents.")])
    assert out[0].rows is not None and out[0].rows[-1] == (
        "3.4 Establishing and controlling access by using the rule text", "21")
    assert [b.text for b in out[1:]] == ["Prose after the contents."]
    # a paragraph after the contents that no entry follows stays a paragraph
    out = contents_tables([*blocks, wrapped])
    assert out[-1] == wrapped and len(out) == 2
