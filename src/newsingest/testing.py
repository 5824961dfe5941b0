"""Contract checks for plugin authors: call them from your own tests.

A parser that passes :func:`check_parser` behaves like the built-ins in every place newsingest
relies on: detection, JSON, the schema, provenance, errors, file handles and determinism. Each
check raises ``AssertionError`` naming the contract that was broken and what to do, so a failing
plugin test reads as a to-do item rather than a stack trace::

    from newsingest.testing import check_parser

    def test_contract():
        doc = check_parser(MyParser(), make_sample_bytes(), name="sample.myformat")
        assert doc.blocks[0].text == "Expected first paragraph"

Schema validation needs ``jsonschema`` (in newsingest's ``test`` extra); it is imported only when
a check runs, so importing this module costs nothing.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import importlib
import json
import os
import random
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import attrs

from newsingest.errors import ParseError
from newsingest.export import Exporter
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
from newsingest.parsers.base import HEAD_SIZE, Input, ParseContext, Parser
from newsingest.repair.pipeline import RepairPipeline, RepairStep

__all__ = [
    "check_document",
    "check_exporter",
    "check_parser",
    "check_repair_step",
    "validate_schema",
]

#: Time one ``sniff`` call may take. Generous (CI machines are slow and shared); a sniff that
#: parses the whole input is orders of magnitude slower on a real file and still gets caught.
SNIFF_BUDGET_SECONDS = 0.02


def _fail(contract: str, message: str) -> AssertionError:
    return AssertionError(f"[{contract}] {message}")


# --------------------------------------------------------------------------- documents


@functools.lru_cache(maxsize=1)
def _validator() -> Any:
    try:
        jsonschema = importlib.import_module("jsonschema")  # optional: the test extra has it
    except ImportError:  # pragma: no cover - depends on the environment
        raise AssertionError(
            "[schema] newsingest.testing needs jsonschema to validate documents: "
            "pip install 'newsingest[test]' (or pip install jsonschema)"
        ) from None
    from newsingest.serialize import SCHEMA_PATH

    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        schema = json.load(handle)
    return jsonschema.Draft202012Validator(schema)


def validate_schema(doc: Document) -> None:
    """Validate ``doc``'s JSON against the shipped schema (``newsingest.serialize.SCHEMA_PATH``)."""
    errors = sorted(_validator().iter_errors(json.loads(doc.to_json())), key=lambda e: e.path)
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(root)"
        raise _fail("schema", f"document JSON does not validate at {where}: {first.message} "
                              f"({len(errors)} error(s) in all)")


def check_document(doc: Document) -> None:
    """A Document is well formed: JSON round trip, schema, provenance on every block."""
    if not isinstance(doc, Document):
        raise _fail("document", f"expected a newsingest.Document, got {type(doc).__name__}")
    try:
        again = Document.from_json(doc.to_json())
    except Exception as exc:
        raise _fail("json", f"the document does not survive to_json/from_json: {exc!r}") from exc
    if again != doc:
        diff = [f.name for f in attrs.fields(Document) if getattr(again, f.name) !=
                getattr(doc, f.name)]
        raise _fail("json", "Document.from_json(doc.to_json()) != doc; differing fields: "
                            f"{', '.join(diff)} (use tuples, not lists, and plain str/int values)")
    validate_schema(doc)
    parts: tuple[tuple[str, Sequence[Block | Furniture]], ...] = (
        ("block", doc.blocks), ("furniture", doc.furniture))
    for kind, items in parts:
        for index, item in enumerate(items):
            if item.provenance == Provenance():
                raise _fail("provenance", f"{kind} {index} ({item.text[:40]!r}) has no "
                            "provenance: set page/bbox, lines or path to where it came from")


# --------------------------------------------------------------------------- resources


def _open_fds() -> set[str] | None:
    """The open file descriptors of this process (Linux), or None where that is unknown."""
    try:
        fds = set(os.listdir("/proc/self/fd"))
    except OSError:
        return None
    # listdir itself held one descriptor while it ran; only ones that still point somewhere count.
    alive = set()
    for fd in fds:
        try:
            alive.add(f"{fd}->{os.readlink(f'/proc/self/fd/{fd}')}")
        except OSError:
            continue
    return alive


@contextmanager
def _no_leaks(what: str) -> Iterator[None]:
    """Fail when the body leaves a file descriptor open or a ResourceWarning behind.

    Garbage is collected after the body (to surface unclosed objects caught in cycles), not
    before: ``check_parser`` collects once at its start and each run leaves the heap clean.
    """
    before = _open_fds()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        yield
        gc.collect()
    leaked = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    if leaked:
        raise _fail("file-handles", f"{what} left a resource unclosed: {leaked[0]} "
                                    "(use `with` blocks or close() in a finally)")
    after = _open_fds()
    if before is not None and after is not None and after - before:
        raise _fail("file-handles", f"{what} left file descriptors open: "
                                    f"{', '.join(sorted(after - before))}")


# --------------------------------------------------------------------------- parsers


def _check_interface(parser: object) -> None:
    if not isinstance(parser, Parser):
        missing = [a for a in ("name", "version", "media_types", "extensions", "sniff", "parse")
                   if not hasattr(parser, a)]
        raise _fail("interface", f"{parser!r} is not a newsingest Parser; missing: "
                                 f"{', '.join(missing)}")
    if not isinstance(parser.name, str) or not parser.name.isidentifier():
        raise _fail("interface", f"name {parser.name!r} must be a simple identifier "
                                 "(it is typed as --parser NAME)")
    if not isinstance(parser.version, str) or not parser.version:
        raise _fail("interface", f"version {parser.version!r} must be a non-empty string")
    for attr in ("media_types", "extensions"):
        value = getattr(parser, attr)
        if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
            raise _fail("interface", f"{attr} must be a tuple of str, got {value!r}")
    for ext in parser.extensions:
        if not ext.startswith(".") or ext != ext.lower():
            raise _fail("interface", f"extension {ext!r} must be lower case with its dot ('.pdf')")
    if not all("/" in m for m in parser.media_types):
        raise _fail("interface", f"media_types {parser.media_types!r} must be 'type/subtype'")


def _sniff(parser: Parser, head: bytes, label: str) -> float:
    try:
        value = parser.sniff(head)
    except Exception as exc:
        raise _fail("sniff", f"sniff({label}) raised {exc!r}; sniff must return 0.0 for input "
                             "it does not recognise, never raise") from exc
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise _fail("sniff", f"sniff({label}) returned {value!r}; expected a float in 0..1")
    return float(value)


def _check_sniff(parser: Parser, sample: bytes, noise: bytes, *, recognises: bool) -> None:
    head = sample[:HEAD_SIZE]
    own = _sniff(parser, head, "sample head")
    _sniff(parser, b"", "b''")
    other = _sniff(parser, noise[:HEAD_SIZE], "random bytes")
    if recognises and own <= 0:
        raise _fail("sniff", "sniff(sample head) returned 0: the parser does not recognise its "
                             f"own sample from its first {HEAD_SIZE} bytes")
    if recognises and other >= own:
        raise _fail("sniff", f"sniff(random bytes)={other} is not below sniff(sample)={own}: "
                             "the parser would claim inputs that are not its format")
    start = time.perf_counter()
    calls = 0
    while calls < 10 and time.perf_counter() - start < 3 * SNIFF_BUDGET_SECONDS:
        parser.sniff(head)
        calls += 1
    per_call = (time.perf_counter() - start) / calls
    if per_call > SNIFF_BUDGET_SECONDS:
        raise _fail("sniff", f"sniff takes {per_call * 1000:.1f} ms per call (budget "
                             f"{SNIFF_BUDGET_SECONDS * 1000:.0f} ms); look at magic bytes, "
                             "do not parse")


class _Probe:
    """A repair step that changes nothing but notes that the pipeline ran."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: str) -> str:
        self.calls += 1
        return text


def _context(options: Mapping[str, Any], probe: _Probe) -> ParseContext:
    from newsingest.plugins import get_registry

    pipeline = RepairPipeline(get_registry().repairs.steps)
    pipeline.add(RepairStep("newsingest_testing_probe", probe, "notes that repairs ran"))
    return ParseContext(repairs=pipeline, options=dict(options))


def _parse(parser: Parser, data: bytes, name: str | None, context: ParseContext) -> Document:
    return parser.parse(Input(data, name=name), context)


def _outcome(parser: Parser, data: bytes, name: str | None, context: ParseContext, what: str
             ) -> Document | Exception:
    """Parse and return the Document or the exception, checking for leaks on both paths."""
    result: Document | Exception
    with _no_leaks(what):
        try:
            result = _parse(parser, data, name, context)
        except Exception as exc:
            result = exc
    return result


def _check_source(parser: Parser, doc: Document, data: bytes, name: str | None) -> None:
    src = doc.source
    expected = {
        "parser": parser.name,
        "parser_version": parser.version,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "name": name,
    }
    for field, want in expected.items():
        got = getattr(src, field)
        if got != want:
            raise _fail("source", f"doc.source.{field} is {got!r}, expected {want!r}; build it "
                                  "with source.source(self, media_type)")
    if parser.media_types and src.media_type not in parser.media_types:
        raise _fail("source", f"doc.source.media_type {src.media_type!r} is not one of the "
                              f"parser's media_types {parser.media_types!r}")


def _garbage(sample: bytes) -> list[tuple[str, bytes, bool]]:
    """(label, data, must_raise) inputs that are not a valid sample."""
    noise = random.Random(7).randbytes(8192)
    return [
        ("empty", b"", True),
        ("random bytes", noise, True),
        ("truncated sample", sample[: max(1, len(sample) // 2)], False),
        ("sample head with random tail", sample[:64] + noise[:2048], False),
    ]


def _check_garbage(parser: Parser, sample: bytes, context: ParseContext, *,
                   lenient: bool) -> None:
    ext = parser.extensions[0] if parser.extensions else ""
    for label, data, must_raise in _garbage(sample):
        name = f"garbage-{label.replace(' ', '-')}{ext}"
        doc = _outcome(parser, data, name, context, f"parse({label})")
        if isinstance(doc, ParseError):
            if name not in str(doc):
                raise _fail("errors", f"the ParseError for {label} does not name the input "
                                      f"({name!r}): {doc}; pass source=source.label") from doc
            continue
        if isinstance(doc, Exception):
            raise _fail("errors", f"parse({label}) raised {type(doc).__name__}: {doc}; "
                                  "raise a newsingest.ParseError subclass (CorruptError, "
                                  "UnsupportedFormatError, ...) instead") from doc
        if must_raise and not lenient:
            raise _fail("errors", f"parse({label}) returned a Document instead of raising a "
                                  "ParseError (pass lenient=True for formats where any bytes "
                                  "are valid input)")
        try:
            check_document(doc)
        except AssertionError as exc:
            raise _fail("errors", f"parse({label}) returned a broken Document: {exc}") from exc


def check_parser(
    parser: Parser,
    sample: bytes,
    *,
    name: str | None = "sample",
    options: Mapping[str, Any] | None = None,
    recognises: bool = True,
    uses_repairs: bool = True,
    lenient: bool = False,
) -> Document:
    """Check every contract a parser plugin must keep; return the sample's Document.

    :param parser: the parser object your plugin registers.
    :param sample: bytes of a small but real document in the parser's format.
    :param name: the ``Input.name`` the sample is parsed under (it must reach
        ``doc.source.name``).
    :param options: parser options, as ``newsingest.parse(..., **options)`` passes them.
    :param recognises: ``sniff`` must recognise the sample (turn off for a parser that is only
        ever chosen by name).
    :param uses_repairs: the text must go through ``context.repair`` (the repair pipeline).
    :param lenient: empty and random input may give a Document instead of a ``ParseError``
        (formats where any bytes are valid, such as plain text).

    Checked, in order: the interface; ``sniff`` (0..1, cheap, never raises, recognises the
    sample, ranks random bytes lower); the parse returns a Document that round-trips through JSON,
    validates against the schema, has provenance on every block and an exact ``source``; the
    repair pipeline ran; garbage (empty, random, truncated) raises a ``ParseError`` naming the
    input, or gives a valid Document; no file handle leaks; parsing twice gives equal Documents.
    """
    _check_interface(parser)
    gc.collect()
    noise = random.Random(11).randbytes(HEAD_SIZE)
    _check_sniff(parser, sample, noise, recognises=recognises)
    probe = _Probe()
    context = _context(options or {}, probe)
    doc = _outcome(parser, sample, name, context, "parse(sample)")
    if isinstance(doc, Exception):
        raise _fail("parse", f"parse(sample) raised {type(doc).__name__}: {doc}") from doc
    check_document(doc)
    if not doc.blocks:
        raise _fail("parse", "parse(sample) gave no blocks; use a sample with body text")
    _check_source(parser, doc, sample, name)
    if uses_repairs and probe.calls == 0:
        raise _fail("repairs", "the text never went through the repair pipeline; run extracted "
                               "text through context.repair(text) and keep the log in "
                               "doc.repairs")
    _check_garbage(parser, sample, context, lenient=lenient)
    again = _parse(parser, sample, name, context)
    if again != doc or again.to_json() != doc.to_json():
        raise _fail("deterministic", "parsing the same bytes twice gave different Documents "
                                     "(sets, dict order, timestamps or object ids in output?)")
    return doc


# --------------------------------------------------------------------------- repair steps

_EDGE_TEXTS = ("", "\n", "\n\n\n", " ", "plain ASCII line", "two\nlines", "trailing newline\n",
               "tab\tand  spaces ", "ünïcödé “quotes” — dash …", "emoji 🇺🇦 flag", "x" * 5000)


def check_repair_step(step: RepairStep, samples: Iterable[str]) -> None:
    """Check a repair step: named, returns str, keeps line count, idempotent, pure.

    ``samples`` should hold damaged texts the step repairs (at least one must change); a few
    edge cases (empty, blank lines, non-ASCII, a long line) are added to them.
    """
    if not isinstance(step, RepairStep):
        raise _fail("repair", f"expected a RepairStep, got {type(step).__name__}")
    if not step.name or not step.name.isidentifier():
        raise _fail("repair", f"step name {step.name!r} must be an identifier (it is logged "
                              "in doc.repairs and replayed by name)")
    if not step.description.strip():
        raise _fail("repair", f"step {step.name!r} needs a description (it goes in the log)")
    given = list(samples)
    if not given:
        raise _fail("repair", "give at least one sample text the step repairs")
    changed = False
    for text in [*given, *_EDGE_TEXTS]:
        shown = repr(text[:40])
        try:
            once = step.fix(text)
        except Exception as exc:
            raise _fail("repair", f"{step.name}({shown}) raised {exc!r}") from exc
        if not isinstance(once, str):
            raise _fail("repair", f"{step.name}({shown}) returned {type(once).__name__}, not str")
        if once.count("\n") != text.count("\n"):
            raise _fail("line-count", f"{step.name}({shown}) changed the number of lines "
                        f"({text.count(chr(10)) + 1} -> {once.count(chr(10)) + 1}); steps must "
                        "keep every newline")
        twice = step.fix(once)
        if twice != once:
            raise _fail("idempotent", f"{step.name} is not idempotent: on {shown} a second run "
                                      f"changed {once[:40]!r} to {twice[:40]!r}")
        if step.fix(text) != once:
            raise _fail("pure", f"{step.name}({shown}) gave a different result the second time "
                                "(hidden state?)")
        changed = changed or (once != text and text in given)
    if not changed:
        raise _fail("repair", f"{step.name} changed none of the samples; give samples with the "
                              "damage it repairs")


# --------------------------------------------------------------------------- exporters


def _rich_document() -> Document:
    """A Document using every block type and field, for exporters to survive."""
    here = Provenance(page=1, bbox=(1, 2, 3, 4))
    return Document(
        source=Source("rich.txt", "text/plain", "0" * 64, 1, "text", "0"),
        metadata=Metadata(title="Tïtle | with *marks*", subtitle="Sub", authors=("A. Writer",),
                          published="2026-03-24", keywords=("k",)),
        blocks=(
            Block(BlockType.HEADING, "# Heading", level=2, provenance=here),
            Block(BlockType.PARAGRAPH, "Para with <tags> & \"quotes\"", raw="Para with\n<tags>"),
            Block(BlockType.QUOTE, "A quote\nover two lines"),
            Block(BlockType.LIST_ITEM, "1. first", ordered=True, marker="1.", depth=0),
            Block(BlockType.LIST_ITEM, "nested", ordered=False, marker="•", depth=1),
            Block(BlockType.CAPTION, "Caption"),
            Block(BlockType.TABLE, "a b", rows=(("a", "b|c"), ("1",))),
            Block(BlockType.PREFORMATTED, "  code\n    indented"),
        ),
        furniture=(Furniture(FurnitureKind.PAGE_NUMBER, "3", here),),
        repairs=(Repair("fix_encoding", "mojibake", 1, "â€™", "’", (here,)),),
        warnings=(ParseWarning("w", "a warning"),),
    )


def _empty_document() -> Document:
    return Document(source=Source(None, "text/plain", "0" * 64, 0, "text", "0"))


def check_exporter(exporter: Exporter, doc: Document | None = None) -> str:
    """Check an exporter on ``doc`` and on an empty and a rich document; return ``doc``'s output.

    The export must be a ``str``, deterministic, and must not fail on any block type.
    """
    if not isinstance(exporter, Exporter):
        raise _fail("exporter", f"expected a newsingest.export.Exporter, got {exporter!r}")
    if not exporter.name.isidentifier():
        raise _fail("exporter", f"exporter name {exporter.name!r} must be an identifier "
                                "(it is typed as -f NAME)")
    if not exporter.extension.startswith("."):
        raise _fail("exporter", f"extension {exporter.extension!r} must start with a dot")
    if "/" not in exporter.media_type:
        raise _fail("exporter", f"media_type {exporter.media_type!r} must be 'type/subtype'")
    docs: Sequence[tuple[str, Document]] = (
        *((("given document", doc),) if doc is not None else ()),
        ("empty document", _empty_document()),
        ("document with every block type", _rich_document()),
    )
    outputs: list[str] = []
    for label, item in docs:
        run: Callable[[Document], str] = exporter.export
        try:
            out = run(item)
        except Exception as exc:
            raise _fail("exporter", f"{exporter.name} failed on the {label}: {exc!r}") from exc
        if not isinstance(out, str):
            raise _fail("exporter", f"{exporter.name} returned {type(out).__name__} for the "
                                    f"{label}; export must return str")
        if run(item) != out:
            raise _fail("deterministic", f"{exporter.name} gave different output for the same "
                                         f"{label} twice")
        outputs.append(out)
    return outputs[0]
