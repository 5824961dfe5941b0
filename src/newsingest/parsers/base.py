"""What a parser is given and what it must provide.

Parsers receive bytes, not paths, so that the same parser serves files, archive members, uploads
and a distributed engine alike; ``Input.name`` keeps the original name for messages and provenance.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Callable, Mapping
from typing import Any, Protocol, runtime_checkable

import attrs

from newsingest.model import Document, ParseWarning, Provenance, Repair, Source
from newsingest.repair.pipeline import RepairPipeline, RepairStep, TextOrigin

__all__ = ["HEAD_SIZE", "Input", "ParseContext", "Parser"]

#: How many leading bytes ``sniff`` sees.
HEAD_SIZE = 4096


@attrs.frozen
class Input:
    """The bytes to parse, with the name and media type they arrived under (if any)."""

    data: bytes = attrs.field(repr=lambda d: f"<{len(d)} bytes>")
    name: str | None = None
    media_type: str | None = None

    @property
    def head(self) -> bytes:
        return self.data[:HEAD_SIZE]

    @property
    def extension(self) -> str:
        """Lower-case extension with its dot (``".pdf"``), or ``""``."""
        if not self.name:
            return ""
        base = self.name.replace("\\", "/").rsplit("/", 1)[-1]
        return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""

    @property
    def guessed_media_type(self) -> str | None:
        if self.media_type:
            return self.media_type
        return mimetypes.guess_type(self.name)[0] if self.name else None

    @property
    def label(self) -> str:
        """How messages name this input."""
        return self.name or "<bytes>"

    def source(self, parser: Parser, media_type: str) -> Source:
        """The ``Document.source`` record for this input parsed by ``parser``."""
        return Source(
            name=self.name,
            media_type=media_type,
            sha256=hashlib.sha256(self.data).hexdigest(),
            size=len(self.data),
            parser=parser.name,
            parser_version=parser.version,
        )


@attrs.frozen
class ParseContext:
    """What a parser may use besides its input: the caller's options and the repair pipeline.

    ``problems`` collects what went wrong outside the parser's own code (a repair step that
    failed and was skipped); ``parse_input`` adds them to the Document's warnings, so parsers
    need not pass them along. ``origin`` is where the parser's text comes from (``parse_input``
    tells it from the parser's media types); ``repair`` runs only the steps for damage such
    text can carry.
    """

    repairs: RepairPipeline
    options: Mapping[str, Any] = attrs.field(factory=dict)
    problems: list[ParseWarning] = attrs.field(factory=list, eq=False)
    origin: TextOrigin | None = None

    def repair(
        self, text: str, locate: Callable[[int], Provenance] | None = None
    ) -> tuple[str, tuple[Repair, ...]]:
        """Run the registered repair steps on ``text`` (see ``RepairPipeline.apply``).

        A step that fails is skipped (once noted in ``problems``); the text goes on without it.
        """
        if locate is None:
            return self.repairs.apply(text, on_error=self._step_failed, origin=self.origin)
        return self.repairs.apply(text, locate, on_error=self._step_failed, origin=self.origin)

    def _step_failed(self, step: RepairStep, exc: Exception) -> None:
        code = "repair-step-failed"
        message = f"repair step {step.name!r} failed and was skipped: {exc!r}"
        if not any(p.code == code and p.message == message for p in self.problems):
            self.problems.append(ParseWarning(code, message))


@runtime_checkable
class Parser(Protocol):
    """The parser interface registered through ``register_parsers``."""

    @property
    def name(self) -> str:
        """Unique identifier (``--parser NAME``)."""
        ...

    @property
    def version(self) -> str: ...

    @property
    def media_types(self) -> tuple[str, ...]: ...

    @property
    def extensions(self) -> tuple[str, ...]:
        """Lower-case extensions with the dot (``".pdf"``)."""
        ...

    def sniff(self, head: bytes) -> float:
        """Confidence 0..1 that ``head`` (the first bytes) is this format. Must be cheap."""
        ...

    def parse(self, source: Input, context: ParseContext) -> Document:
        """Return a ``Document`` or raise a ``ParseError`` subclass."""
        ...
