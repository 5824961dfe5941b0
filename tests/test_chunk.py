"""Chunks for retrieval: sizes, sentence boundaries, whole list items and quotes, sections,
context, provenance, overlap, tokenizers, and the two command-line ways to get them."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsingest
from newsingest.chunking import chunk, sentences, token_counter
from newsingest.cli import cli
from newsingest.model import Block, Document, Metadata, Provenance, Source

SOURCE = Source("story.pdf", "application/pdf", "0" * 64, 1, "pdf", "1")
SENTENCE = "The council met on Tuesday and voted for the bridge after a long debate."  # 14 words


def para(n: int, page: int = 1) -> Block:
    return Block("paragraph", " ".join([SENTENCE] * n),
                 provenance=Provenance(page=page, bbox=(72, 100.0 * n, 300, 100.0 * n + 50)))


def story(*blocks: Block) -> Document:
    return Document(SOURCE, Metadata(title="Bridge Approved", authors=("Ann Lee",),
                                     published="2026-03-24"), blocks)


def test_sentences_keep_abbreviations_initials_and_quotes() -> None:
    text = ('Sen. J. R. Smith of the U.S. Senate spoke. "We will win," he said! Was it true? '
            "Nobody knew.")
    assert sentences(text) == ["Sen. J. R. Smith of the U.S. Senate spoke.",
                               '"We will win," he said!', "Was it true?", "Nobody knew."]
    assert " ".join(sentences(text)) == text


def test_no_chunk_is_over_the_limit_and_none_cuts_a_sentence() -> None:
    doc = story(para(5), para(3), para(7))
    chunks = chunk(doc, max_tokens=40)
    assert all(c.tokens <= 40 for c in chunks)
    for c in chunks:
        assert not c.cut
        assert all(part.rstrip().endswith(".") for part in c.text.split("\n\n"))
    # every sentence of the body is in exactly one chunk (no overlap asked)
    assert sum(c.text.count(SENTENCE) for c in chunks) == 15


def test_a_sentence_longer_than_the_limit_is_cut_and_says_so() -> None:
    long = Block("paragraph", " ".join(f"word{i}" for i in range(30)) + ".")
    chunks = chunk(story(long), max_tokens=12)
    assert [c.tokens for c in chunks] == [12, 12, 6]
    assert all(c.cut for c in chunks)


def test_a_section_is_spread_evenly_over_its_chunks() -> None:
    doc = story(para(10))  # 140 words, limit 128: not 126 words and a scrap of 14
    assert [c.tokens for c in chunk(doc, max_tokens=128)] == [70, 70]
    assert [c.tokens for c in chunk(doc, max_tokens=128, balance=False)] == [126, 14]


def test_headings_start_chunks_and_name_the_section() -> None:
    doc = story(para(1), Block("heading", "Costs", level=2), Block("heading", "Who pays", level=3),
                para(1), Block("heading", "Next", level=2), para(1))
    chunks = chunk(doc, max_tokens=200)
    assert [c.section for c in chunks] == [None, "Costs — Who pays", "Next"]
    assert chunks[1].text.startswith("Costs\n\nWho pays\n\nThe council")
    assert [c.blocks for c in chunks] == [(0,), (1, 2, 3), (4, 5)]


def test_list_items_and_quotes_stay_whole() -> None:
    items = [Block("list_item", f"item {i} " + SENTENCE, marker=f"{i}.", ordered=True, depth=0)
             for i in range(1, 5)]
    quote = Block("quote", f"{SENTENCE} {SENTENCE}")
    chunks = chunk(story(*items, quote), max_tokens=35)
    for c in chunks:
        for part in c.text.split("\n\n"):
            assert part.startswith(("1. item", "2. item", "3. item", "4. item", SENTENCE))
    assert any(c.text == f"{SENTENCE} {SENTENCE}" for c in chunks)  # the quote, alone, whole
    assert sum(c.text.count("item ") for c in chunks) == 4


def test_context_and_provenance_travel_with_each_chunk() -> None:
    doc = story(para(2, page=1), para(2, page=2))
    chunks = chunk(doc, max_tokens=30)
    assert len(chunks) == 2
    first, second = chunks
    assert first.headline == "Bridge Approved" and first.byline == "By Ann Lee · 2026-03-24"
    assert first.source == "story.pdf"
    assert second.blocks == (1,) and second.provenance == (doc.blocks[1].provenance,)
    assert second.provenance[0].page == 2
    data = second.to_dict()
    assert data["provenance"] == [{"page": 2, "bbox": [72.0, 200.0, 300.0, 250.0]}]
    assert "Bridge Approved" in second.context


def test_overlap_repeats_whole_sentences_only() -> None:
    chunks = chunk(story(para(6)), max_tokens=45, overlap=15)
    assert len(chunks) >= 2
    for before, after in itertools.pairwise(chunks):
        assert after.overlap > 0
        repeated = after.text[:after.overlap]
        assert repeated == SENTENCE and before.text.endswith(repeated)
        assert after.tokens <= 45
    with pytest.raises(ValueError, match="overlap"):
        chunk(story(para(1)), max_tokens=10, overlap=10)


def test_tokenizers_callables_sequences_and_encode() -> None:
    class Encoding:  # tiktoken's shape: not callable, has encode()
        def encode(self, text: str) -> list[int]:
            return [ord(c) for c in text]

    class HuggingFace:  # a Hugging Face tokenizer's shape: called, gives input_ids
        def __call__(self, text: str) -> dict[str, list[int]]:
            return {"input_ids": [0] * len(text), "attention_mask": [1] * len(text)}

    for tokenizer in (Encoding(), HuggingFace(), len, lambda t: list(t)):
        assert token_counter(tokenizer)("abcd") == 4
    chunks = chunk(story(para(3)), max_tokens=200, tokenizer=len)  # characters
    assert all(c.tokens == len(c.text) <= 200 for c in chunks)
    with pytest.raises(TypeError, match="encode"):
        token_counter(42)


def test_chunk_command_and_convert_chunks_write_json_lines(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text("Bridge Approved\n\n" + "\n\n".join([" ".join([SENTENCE] * 3)] * 4) + "\n",
                   encoding="utf-8")
    result = CliRunner().invoke(cli, ["chunk", str(src), "--max-tokens", "50"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert len(lines) == len(chunk(newsingest.parse(src), max_tokens=50)) > 1
    assert all(line["tokens"] <= 50 and line["source"] == str(src) for line in lines)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["convert", str(src), "-o", str(out), "-f", "chunks"])
    assert result.exit_code == 0, result.output
    (written,) = out.glob("*.chunks.jsonl")
    assert all(json.loads(line)["text"] for line in written.read_text().splitlines())
