"""Registers the built-in repair steps, in the order they must run.

The order is deliberate: encoding first (mojibake hides soft hyphens and non-breaking spaces inside
two-byte sequences), then emoji and surrogates, then the removal of what is truly lost (U+FFFD,
``(cid:N)``), then typography and whitespace. Soft hyphens at line ends survive as a bare U+00AD
for the reflow engine's dehyphenation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from newsingest.hookspecs import hookimpl
from newsingest.model import ParseWarning, Repair
from newsingest.repair import fixes, words
from newsingest.repair.pipeline import RepairStep, TextOrigin

__all__ = ["STEPS", "repair_warnings"]

#: Damage a program makes reading characters back from a page; markup has the author's own.
_READ_BACK = frozenset({TextOrigin.EXTRACTED})

STEPS = (
    RepairStep("fix_encoding", fixes.fix_encoding, "mojibake undone with ftfy"),
    RepairStep(
        "fix_legacy_emoji",
        fixes.fix_legacy_emoji,
        "legacy private-use emoji codes (U+FE000 range) mapped to standard emoji",
    ),
    RepairStep(
        "fix_symbol_bullets",
        fixes.fix_symbol_bullets,
        "private-use Symbol/Wingdings bullets at line starts made real bullet characters",
    ),
    RepairStep(
        "fix_surrogates",
        fixes.fix_surrogates,
        "UTF-16 surrogate halves re-paired; lone halves marked as lost (U+FFFD)",
    ),
    RepairStep(
        "remove_replacement_chars",
        fixes.remove_replacement_chars,
        "U+FFFD runs removed: the characters were lost before newsingest saw them",
        removes=True,
    ),
    RepairStep(
        "remove_cid_runs",
        fixes.remove_cid_runs,
        "(cid:N) runs removed: glyphs the PDF's font could not map to characters",
        removes=True,
    ),
    RepairStep("fix_ligatures", fixes.fix_ligatures, "Latin ligatures spelled out"),
    RepairStep(
        "fix_soft_hyphens",
        fixes.fix_soft_hyphens,
        "soft hyphens removed inside lines (line-final ones are left to dehyphenation)",
    ),
    RepairStep("remove_control_chars", fixes.remove_control_chars, "control characters removed"),
    RepairStep(
        "fix_spaces",
        fixes.fix_spaces,
        "non-breaking and odd-width spaces made plain; zero-width spaces removed",
    ),
    RepairStep(
        "join_split_words",
        words.join_split_words,
        "words an extractor split where an invisible glyph stood joined again",
        origins=_READ_BACK,
    ),
    RepairStep(
        "join_letter_spacing",
        words.join_letter_spacing,
        "letter-spaced type printed a letter at a time made words again",
        origins=_READ_BACK,
    ),
    RepairStep(
        "strip_stray_leading_spaces",
        fixes.strip_stray_leading_spaces,
        "one or two stray spaces at line starts removed",
    ),
)

#: Steps whose removals also deserve a warning: the user lost text, not just damage.
_WARN = {
    "remove_cid_runs": ("cid-removed", "characters without a Unicode mapping ((cid:N)) removed"),
    "remove_replacement_chars": ("characters-lost", "characters lost before parsing (U+FFFD)"),
}


def repair_warnings(repairs: Iterable[Repair]) -> tuple[ParseWarning, ...]:
    """Warnings for repairs that deleted text the author wrote (``(cid:N)`` runs, U+FFFD).

    Parsers call this on their repair log so a user skimming ``doc.warnings`` learns about lost
    characters; each warning points at the first location and counts the rest.
    """
    out: list[ParseWarning] = []
    for repair in repairs:
        if repair.step not in _WARN:
            continue
        code, message = _WARN[repair.step]
        where = repair.locations[0] if repair.locations else None
        out.append(ParseWarning(code, f"{message}: {repair.count} place(s)", where))
    return tuple(out)


@hookimpl(tryfirst=True)
def register_repairs(register: Callable[[RepairStep], None]) -> None:
    for step in STEPS:
        register(step)
