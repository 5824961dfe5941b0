"""Run repair steps over a text and log what each one changed, where.

Steps are plain ``str -> str`` functions (as in ftfy's ``fixes.py``) so each stays small, pure and
doctested. The pipeline, not the step, works out what changed: steps keep the number of lines, so a
changed line is found by comparing line by line and its location is the line's own. That makes the
log complete by construction — a step cannot change text without it showing up in ``doc.repairs``.

Some damage only arises where a program read characters back from a page (a PDF text layer, a
dump of one, OCR): words split where an invisible glyph stood, letter-spaced type a letter at a
time. Text a parser takes from markup is the characters the author typed, so a step for such
damage has nothing to undo there, and on HTML it only costs time (a word-frequency lookup per
word) and can do harm ("½ cup" joined). A step says which origins its damage occurs in; the
parser's input says which origin the text has; the pipeline skips the step when they disagree.
``doc.repairs`` lists what ran and changed, so ``replay`` of it stays faithful.
"""

from __future__ import annotations

import difflib
import enum
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs

from newsingest.errors import PluginError
from newsingest.model import Provenance, Repair

__all__ = ["RepairPipeline", "RepairStep", "TextOrigin", "origin_of", "replay"]

#: How many locations one Repair records before it only counts (a 50 MB file can have millions).
MAX_LOCATIONS = 1000
#: Lines longer than this are not diffed character by character (difflib is quadratic).
MAX_DIFF_LINE = 4000
EXAMPLE_CONTEXT = 20
#: Passes over the steps before giving up on a fixed point (the built-ins settle in two or three).
MAX_PASSES = 4


class TextOrigin(enum.Enum):
    """Where a text's characters came from, which decides the damage it can carry."""

    #: Read back from glyphs placed on a page: a PDF text layer, a text dump of one, OCR.
    EXTRACTED = "extracted"
    #: The characters as the author typed them: markup (HTML, XML) or a word processor's file.
    AUTHORED = "authored"


#: Media types whose parsers hand the repair pipeline characters as written, not read back.
AUTHORED_TYPES = frozenset({
    "text/html", "application/xhtml+xml", "application/xml", "text/xml", "text/markdown",
    "application/rtf", "application/epub+zip", "application/vnd.oasis.opendocument.text",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
})


def origin_of(media_types: Iterable[str]) -> TextOrigin | None:
    """The origin of the text a parser of these media types produces; ``None`` when unknown
    (or mixed), which runs every step.

    >>> origin_of(["text/html", "application/xhtml+xml"]), origin_of(["application/pdf"])
    (<TextOrigin.AUTHORED: 'authored'>, None)
    """
    types = {t.split(";")[0].strip().lower() for t in media_types}
    return TextOrigin.AUTHORED if types and types <= AUTHORED_TYPES else None


@attrs.frozen
class RepairStep:
    """A named repair: ``fix`` is pure, idempotent and keeps the number of lines.

    ``origins`` are the texts its damage occurs in (every origin unless said); on a text of
    another origin the step does not run.
    """

    name: str
    fix: Callable[[str], str]
    description: str
    removes: bool = False
    origins: frozenset[TextOrigin] = frozenset(TextOrigin)

    def applies_to(self, origin: TextOrigin | None) -> bool:
        """Whether this step runs on a text of ``origin`` (an unknown one gets every step)."""
        return origin is None or origin in self.origins


def _changed_lines(old: str, new: str) -> Iterator[tuple[int, str, str]]:
    """``(index, old line, new line)`` for each line that differs, walking both texts: a split
    into two lists would hold four copies of a big input at once (the texts and their lines).

    >>> list(_changed_lines("a\\nb\\nc", "a\\nB\\nc"))
    [(1, 'b', 'B')]
    """
    i = j = 0
    index = 0
    while i >= 0:
        end_i, end_j = old.find("\n", i), new.find("\n", j)
        before = old[i:] if end_i < 0 else old[i:end_i]
        after = new[j:] if end_j < 0 else new[j:end_j]
        if before != after:
            yield index, before, after
        i, j = (end_i + 1 if end_i >= 0 else -1), end_j + 1
        index += 1


def _example(before: str, after: str) -> tuple[str, str, int]:
    """Return a short before/after window around the changes of one line and a change count."""
    if len(before) > MAX_DIFF_LINE or len(after) > MAX_DIFF_LINE:
        start = 0
        limit = min(len(before), len(after))
        while start < limit and before[start] == after[start]:
            start += 1
        lo = max(0, start - EXAMPLE_CONTEXT)
        return before[lo : start + EXAMPLE_CONTEXT], after[lo : start + EXAMPLE_CONTEXT], 1
    ops = [op for op in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
           if op[0] != "equal"]
    if not ops:
        return before, after, 0
    _, i1, i2, j1, j2 = ops[0]
    lo_b, lo_a = max(0, i1 - EXAMPLE_CONTEXT), max(0, j1 - EXAMPLE_CONTEXT)
    return before[lo_b : i2 + EXAMPLE_CONTEXT], after[lo_a : j2 + EXAMPLE_CONTEXT], len(ops)


def visible(text: str) -> str:
    """Spell out characters a reader cannot see or that are damage, for the repair log.

    >>> visible("Seoul \ufffd\ufffd have")
    'Seoul <U+FFFD><U+FFFD> have'
    """
    return "".join(
        f"<U+{ord(ch):04X}>"
        if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") and ch != "\t")
        else ch
        for ch in text
    )


def _default_locate(index: int) -> Provenance:
    return Provenance(lines=(index + 1, index + 1))


class RepairPipeline:
    """An ordered sequence of repair steps; ``apply`` runs them and returns the log."""

    def __init__(self, steps: Iterable[RepairStep] = ()) -> None:
        self.steps: tuple[RepairStep, ...] = ()
        for step in steps:
            self.add(step)

    def add(self, step: RepairStep) -> None:
        """Append a step; the validating ``register`` callback of ``register_repairs``."""
        if not isinstance(step, RepairStep):
            raise PluginError(f"register_repairs expects a RepairStep, got {type(step).__name__}")
        if not callable(step.fix):
            raise PluginError(f"repair step {step.name!r}: fix is not callable")
        if any(s.name == step.name for s in self.steps):
            raise PluginError(f"repair step {step.name!r} is already registered")
        self.steps = (*self.steps, step)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.steps)

    def apply(
        self,
        text: str,
        locate: Callable[[int], Provenance] = _default_locate,
        *,
        only: Sequence[str] | None = None,
        on_error: Callable[[RepairStep, Exception], None] | None = None,
        origin: TextOrigin | None = None,
    ) -> tuple[str, tuple[Repair, ...]]:
        """Run every step (or those named in ``only``) and log each that changed something.

        Each step is idempotent, but one step's fix can hand another new work (removing a
        control character joins mojibake that ftfy then undoes; a space fix makes a Symbol
        bullet line-initial). So the steps run again, in order, until a pass changes nothing
        (at most ``MAX_PASSES``): repairing a repaired text then changes nothing as a whole.
        A step changing text in a later pass is logged again, with its own locations.

        ``locate`` maps a 0-based line index of ``text`` to its provenance (a PDF parser passes
        page and bbox). A step that raises, or breaks the line-count contract (every later
        location would then be wrong), is an error: with ``on_error`` the step is skipped and
        ``on_error(step, exc)`` told, so one broken plugin step does not fail every input;
        without it the exception propagates. ``origin`` is where the text came from: steps
        for damage that origin cannot carry are skipped (see ``TextOrigin``).
        """
        log: list[Repair] = []
        failed: set[str] = set()
        steps = [s for s in self.steps
                 if s.applies_to(origin) and (only is None or s.name in only)]
        for _ in range(MAX_PASSES):
            changed = False
            for step in steps:
                if step.name in failed:
                    continue
                try:
                    fixed = step.fix(text)
                    if fixed == text:
                        continue
                    lines_before, lines_after = text.count("\n") + 1, fixed.count("\n") + 1
                    if lines_before != lines_after:
                        raise RuntimeError(
                            f"repair step {step.name!r} changed the number of lines "
                            f"({lines_before} -> {lines_after}); steps must keep line "
                            "breaks"
                        )
                except Exception as exc:
                    if on_error is None:
                        raise
                    failed.add(step.name)
                    on_error(step, exc)
                    continue
                log.append(_log_step(step, text, fixed, locate))
                text, changed = fixed, True
            if not changed:
                break
        return text, tuple(log)


def _log_step(
    step: RepairStep,
    old_text: str,
    new_text: str,
    locate: Callable[[int], Provenance],
) -> Repair:
    count = 0
    locations: list[Provenance] = []
    example: tuple[str, str] | None = None
    for index, old, new in _changed_lines(old_text, new_text):
        before, after, n = _example(old, new)
        count += max(n, 1)
        if example is None:
            example = (before, after)
        if len(locations) < MAX_LOCATIONS:
            locations.append(locate(index))
    assert example is not None
    return Repair(
        step=step.name,
        description=step.description,
        count=count,
        before=visible(example[0]),
        after=visible(example[1]),
        locations=tuple(locations),
        removed=step.removes,
    )


def replay(text: str, steps: Sequence[str], pipeline: RepairPipeline | None = None) -> str:
    """Run the named steps again on ``text`` (e.g. ``[r.step for r in doc.repairs]``).

    Steps run in pipeline order, as they did when the document was parsed.
    """
    if pipeline is None:
        from newsingest.plugins import get_registry

        pipeline = get_registry().repairs
    missing = set(steps) - set(pipeline.names)
    if missing:
        raise KeyError(f"unknown repair steps (not installed here?): {', '.join(sorted(missing))}")
    return pipeline.apply(text, only=steps)[0]
