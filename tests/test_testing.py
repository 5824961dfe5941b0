"""newsingest.testing: a good plugin passes, and each broken contract fails with its own message."""

from __future__ import annotations

import itertools
import os
import re
import time
from typing import Any, ClassVar

import attrs
import pytest

from newsingest import Block, BlockType, Document, Metadata, Provenance
from newsingest.errors import CorruptError
from newsingest.export import Exporter
from newsingest.export.builtin import _json
from newsingest.parsers.base import Input, ParseContext
from newsingest.plugins import get_registry
from newsingest.repair.fixes import fix_encoding
from newsingest.repair.pipeline import RepairPipeline, RepairStep
from newsingest.testing import check_exporter, check_parser, check_repair_step

MAGIC = b"NSDEMO\n"
SAMPLE = MAGIC + "A Title\nFirst paragraph, with cafÃ© mojibake.\nSecond paragraph.\n".encode()


class GoodParser:
    """A tiny line-per-paragraph format that keeps every contract."""

    name = "nsdemo"
    version = "1.0"
    media_types = ("text/x-nsdemo",)
    extensions = (".nsdemo",)

    def sniff(self, head: bytes) -> float:
        return 1.0 if head.startswith(MAGIC) else 0.0

    def parse(self, source: Input, context: ParseContext) -> Document:
        if not source.data.startswith(MAGIC):
            raise CorruptError("not an nsdemo file (no NSDEMO header)", source=source.label)
        try:
            text = source.data[len(MAGIC):].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CorruptError(f"not UTF-8: {exc}", source=source.label) from None
        text, repairs = context.repair(text)
        lines = text.split("\n")
        blocks = tuple(self.block(line, i) for i, line in enumerate(lines[1:], start=2) if line)
        return Document(source=self.source(source), metadata=self.metadata(lines[0]),
                        blocks=blocks, repairs=repairs)

    def block(self, line: str, number: int) -> Block:
        return Block(BlockType.PARAGRAPH, line, provenance=Provenance(lines=(number, number)))

    def metadata(self, title: str) -> Metadata:
        return Metadata(title=title)

    def source(self, source: Input) -> Any:
        return source.source(self, "text/x-nsdemo")


def test_good_parser_passes_and_returns_the_document() -> None:
    doc = check_parser(GoodParser(), SAMPLE, name="sample.nsdemo")
    assert doc.metadata.title == "A Title"
    assert doc.blocks[0].text == "First paragraph, with café mojibake."
    assert [r.step for r in doc.repairs] == ["fix_encoding"]


class NoSniff:
    name, version, media_types, extensions = "nosniff", "1", ("a/b",), (".x",)

    def parse(self, source: Input, context: ParseContext) -> Document:
        raise NotImplementedError


class BadName(GoodParser):
    name = "my parser"


class BadExtension(GoodParser):
    extensions = ("PDF",)


class SniffRaises(GoodParser):
    def sniff(self, head: bytes) -> float:
        return 1.0 if head[:7] == MAGIC else head[100]  # IndexError on short input


class SniffOutOfRange(GoodParser):
    def sniff(self, head: bytes) -> float:
        return 2.0


class SniffClaimsEverything(GoodParser):
    def sniff(self, head: bytes) -> float:
        return 1.0


class SniffIgnoresOwnFormat(GoodParser):
    def sniff(self, head: bytes) -> float:
        return 0.0


class SlowSniff(GoodParser):
    def sniff(self, head: bytes) -> float:
        time.sleep(0.05)
        return super().sniff(head)


class NoProvenance(GoodParser):
    def block(self, line: str, number: int) -> Block:
        return Block(BlockType.PARAGRAPH, line)


class WrongSource(GoodParser):
    def source(self, source: Input) -> Any:
        return attrs.evolve(source.source(self, "text/x-nsdemo"), size=0)


class ForeignMediaType(GoodParser):
    def source(self, source: Input) -> Any:
        return source.source(self, "text/plain")


class ListRows(GoodParser):
    def block(self, line: str, number: int) -> Block:
        rows: Any = [[line]]  # lists come back from JSON as tuples: the round trip breaks
        return Block(BlockType.TABLE, line, rows=rows, provenance=Provenance(lines=(number, 1)))


class NonIsoDate(GoodParser):
    def metadata(self, title: str) -> Metadata:
        return Metadata(title=title, published="March 24, 2026")


class NoRepairs(GoodParser):
    def parse(self, source: Input, context: ParseContext) -> Document:
        doc = super().parse(source, attrs.evolve(context, repairs=RepairPipeline()))
        return attrs.evolve(doc, repairs=())


class RaisesValueError(GoodParser):
    def parse(self, source: Input, context: ParseContext) -> Document:
        if not source.data.startswith(MAGIC):
            raise ValueError("bad header")
        return super().parse(source, context)


class ErrorWithoutName(GoodParser):
    def parse(self, source: Input, context: ParseContext) -> Document:
        if not source.data.startswith(MAGIC):
            raise CorruptError("bad header")
        return super().parse(source, context)


class AcceptsGarbage(GoodParser):
    def parse(self, source: Input, context: ParseContext) -> Document:
        if not source.data.startswith(MAGIC):
            return Document(source=self.source(source))
        return super().parse(source, context)


class LeaksHandle(GoodParser):
    def parse(self, source: Input, context: ParseContext) -> Document:
        handle = open(os.devnull, "rb")  # noqa: SIM115 - the leak is the point
        handle.read(0)
        return super().parse(source, context)


class LeaksOnError(GoodParser):
    held: ClassVar[list[Any]] = []

    def parse(self, source: Input, context: ParseContext) -> Document:
        if not source.data.startswith(MAGIC):
            self.held.append(open(os.devnull, "rb"))  # noqa: SIM115 - the leak is the point
        return super().parse(source, context)


class NotDeterministic(GoodParser):
    counter = itertools.count()

    def metadata(self, title: str) -> Metadata:
        return Metadata(title=f"{title} {next(self.counter)}")


@pytest.mark.parametrize(("parser", "contract", "words"), [
    (NoSniff(), "interface", "missing: sniff"),
    (BadName(), "interface", "simple identifier"),
    (BadExtension(), "interface", "lower case with its dot"),
    (SniffRaises(), "sniff", "never raise"),
    (SniffOutOfRange(), "sniff", "0..1"),
    (SniffClaimsEverything(), "sniff", "random bytes"),
    (SniffIgnoresOwnFormat(), "sniff", "does not recognise its own sample"),
    (SlowSniff(), "sniff", "ms per call"),
    (NoProvenance(), "provenance", "block 0"),
    (WrongSource(), "source", "doc.source.size"),
    (ForeignMediaType(), "source", "media_type"),
    (ListRows(), "json", "blocks"),
    (NonIsoDate(), "parse", "not an ISO 8601 date"),  # the model refuses it
    (NoRepairs(), "repairs", "context.repair"),
    (RaisesValueError(), "errors", "ValueError"),
    (ErrorWithoutName(), "errors", "does not name the input"),
    (AcceptsGarbage(), "errors", "returned a Document instead of raising"),
    (LeaksHandle(), "file-handles", "parse(sample)"),
    (LeaksOnError(), "file-handles", "parse(empty)"),
    (NotDeterministic(), "deterministic", "twice"),
], ids=lambda v: type(v).__name__ if not isinstance(v, str) else v)
def test_each_broken_contract_fails_with_its_name(parser: Any, contract: str, words: str) -> None:
    with pytest.raises(AssertionError) as info:
        check_parser(parser, SAMPLE, name="sample.nsdemo")
    message = str(info.value)
    assert message.startswith(f"[{contract}]"), message
    assert words in message
    for handle in LeaksOnError.held:
        handle.close()
    LeaksOnError.held.clear()


def test_lenient_lets_a_parser_accept_any_bytes() -> None:
    check_parser(AcceptsGarbage(), SAMPLE, name="sample.nsdemo", lenient=True)


def test_parser_chosen_only_by_name_may_skip_recognition() -> None:
    check_parser(SniffIgnoresOwnFormat(), SAMPLE, recognises=False)


def test_builtin_text_parser_keeps_the_contract() -> None:
    sample = b"A Headline\n\nThe body of the article,\nwrapped.\n\nSecond paragraph.\n"
    doc = check_parser(get_registry().parsers["text"], sample, name="story.txt", lenient=True)
    assert doc.source.name == "story.txt"


# --------------------------------------------------------------------------- repair steps

def _shout_once(text: str) -> str:
    return text if text.endswith("!") else text + "!"


_calls = itertools.count()


def _flaky(text: str) -> str:
    return text.replace("a", "b") if next(_calls) % 3 == 0 else text


@pytest.mark.parametrize(("step", "contract"), [
    (RepairStep("adds_line", lambda t: t + "\n", "adds a newline"), "line-count"),
    (RepairStep("grows", lambda t: t + "x", "appends x"), "idempotent"),
    (RepairStep("flaky", _flaky, "remembers calls"), "pure"),
    (RepairStep("does_nothing", lambda t: t, "nothing"), "repair"),
    (RepairStep("bad name", _shout_once, "x"), "repair"),
    (RepairStep("raises", lambda t: t[0], "index"), "repair"),
])
def test_broken_repair_steps_fail(step: RepairStep, contract: str) -> None:
    with pytest.raises(AssertionError, match=rf"^\[{contract}\]"):
        check_repair_step(step, ["cafÃ© and a damaged line"])


def _collapse_spaces(text: str) -> str:
    return re.sub(" {2,}", " ", text)


def test_good_repair_steps_pass() -> None:
    check_repair_step(RepairStep("fix_encoding", fix_encoding, "mojibake"), ["cafÃ©\nok"])
    check_repair_step(RepairStep("collapse_spaces", _collapse_spaces, "double spaces"),
                      ["two  spaces\nand   three"])


# --------------------------------------------------------------------------- exporters

def test_builtin_exporters_pass() -> None:
    doc = check_parser(GoodParser(), SAMPLE)
    for exporter in get_registry().exporters.values():
        assert isinstance(check_exporter(exporter, doc), str)
    assert check_exporter(Exporter("json", ".json", "application/json", _json), doc) == _json(doc)


def _crashes_on_tables(doc: Document) -> str:
    return "\n".join(b.rows[0][0] if b.type is BlockType.TABLE and b.rows else b.text
                     for b in doc.blocks if b.type is not BlockType.TABLE or b.text == "boom")


@pytest.mark.parametrize(("exporter", "words"), [
    (Exporter("bytes", ".b", "application/x-b", lambda d: d.to_json().encode()), "returned bytes"),
    (Exporter("title", ".t", "text/plain", lambda d: d.metadata.title or ""), "ok"),
    (Exporter("bad name", ".t", "text/plain", lambda d: ""), "identifier"),
    (Exporter("noext", "t", "text/plain", lambda d: ""), "dot"),
    (Exporter("clock", ".t", "text/plain", lambda d: str(time.perf_counter_ns())), "twice"),
    (Exporter("titles", ".t", "text/plain", lambda d: d.metadata.title.upper()),  # type: ignore[union-attr]
     "empty document"),
])
def test_broken_exporters_fail(exporter: Exporter, words: str) -> None:
    if words == "ok":
        check_exporter(exporter)
        return
    with pytest.raises(AssertionError, match=words):
        check_exporter(exporter)
