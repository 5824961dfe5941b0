"""The built-in repair steps: examples from real dumps, and hypothesis properties.

Properties for every step: idempotent, keeps the number of lines, and never drops a letter or
digit it did not mean to (letters and digits outside the step's target characters survive).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsingest.model import Provenance
from newsingest.repair import RepairPipeline, fixes
from newsingest.repair.builtin import STEPS, repair_warnings

TEXT = st.lists(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(["\u00ad", "\ufffd", "\u200d", "\u00a0", "\n", " ", "-", "(cid:7)",
                         "\ufb01", "\U000fe4ee", "\U000fe82e", "\uf0b7", "\x0c", "\u2010",
                         "ab", "\U0001f469"]),
    ),
    max_size=40,
).map("".join)

# Characters each step is allowed to drop or change (its target); everything else must survive.
TARGETS: dict[str, Callable[[str], bool]] = {
    "fix_encoding": lambda ch: True,  # ftfy re-decodes letters by design; tested separately
    "fix_legacy_emoji": lambda ch: ch in fixes.LEGACY_EMOJI,
    "fix_symbol_bullets": lambda ch: ch in fixes.SYMBOL_BULLETS,
    "fix_surrogates": lambda ch: "\ud800" <= ch <= "\udfff",
    "remove_replacement_chars": lambda ch: ch == "\ufffd",
    "remove_cid_runs": lambda ch: True,  # "(cid:7)" contains letters it is meant to remove
    "fix_ligatures": lambda ch: "\ufb00" <= ch <= "\ufb06",
    "fix_soft_hyphens": lambda ch: ch == "\u00ad",
    "remove_control_chars": lambda ch: unicodedata.category(ch) == "Cc",
    "fix_spaces": lambda ch: ch in "\u200b\u2060\ufeff\u200d",
    "strip_stray_leading_spaces": lambda ch: ch.isspace(),
    "join_split_words": lambda ch: ch in " \u2010",
    "join_letter_spacing": lambda ch: ch == " ",
}


def _kept(text: str, target: Callable[[str], bool]) -> Counter[str]:
    return Counter(ch for ch in text if ch.isalnum() and not target(ch))


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.name)
@settings(max_examples=80, deadline=None)
@given(text=TEXT)
def test_step_properties(step: object, text: str) -> None:
    fix = step.fix  # type: ignore[attr-defined]
    once = fix(text)
    assert fix(once) == once, "idempotent"
    assert once.count("\n") == text.count("\n"), "keeps lines"
    target = TARGETS[step.name]  # type: ignore[attr-defined]
    if step.name != "remove_cid_runs":  # type: ignore[attr-defined]
        assert not _kept(text, target) - _kept(once, target), "no letter or digit lost"


def test_keycaps_and_symbol_bullets() -> None:
    assert fixes.fix_legacy_emoji("\U000fe82e \U000fe837 \U000fe82c") == "1️⃣ 0️⃣ #️⃣"
    assert fixes.fix_symbol_bullets("\uf0b7 first\n\t\uf0d8 second\nx\uf0b7 y") == (
        "• first\n\t➢ second\nx\uf0b7 y"
    )


WORDS = st.lists(st.sampled_from(["Ukraine’s", "café", "Köln", "São Paulo", "naïve", "war",
                                   "“quoted”", "—", "10,000", "Zürich"]), min_size=1, max_size=8)


@settings(max_examples=100, deadline=None)
@given(WORDS)
def test_fix_encoding_undoes_mojibake_and_is_idempotent(words: list[str]) -> None:
    original = " ".join(words)
    damaged = original.encode("utf-8").decode("cp1252", errors="ignore")
    fixed = fixes.fix_encoding(damaged)
    assert fixes.fix_encoding(fixed) == fixed
    assert fixes.fix_encoding(original) == original  # clean text, curly quotes and dashes stay
    if "\x9d" not in original.encode("utf-8").decode("latin-1"):  # cp1252 has no 0x9D
        assert fixed == original


def test_flags_from_google_private_use_codes() -> None:
    codes = "".join(chr(c) for c in range(0xFE4E5, 0xFE4EF))
    assert fixes.fix_legacy_emoji(codes) == "🇯🇵🇺🇸🇫🇷🇩🇪🇮🇹🇬🇧🇪🇸🇷🇺🇨🇳🇰🇷"


def test_soft_hyphen_at_line_end_is_kept_for_dehyphenation() -> None:
    assert fixes.fix_soft_hyphens("deve\u00ad\u2010\nlopments") == "deve\u00ad\nlopments"
    assert fixes.fix_soft_hyphens("mid\u00adword \u00ad") == "midword \u00ad"


def test_cid_runs_are_removed_logged_and_warned() -> None:
    pipeline = RepairPipeline(STEPS)
    text, log = pipeline.apply("ok\nprice (cid:3)(cid:4) rose")
    assert text == "ok\nprice rose"
    (entry,) = [r for r in log if r.step == "remove_cid_runs"]
    assert entry.removed and entry.locations == (Provenance(lines=(2, 2)),)
    (warning,) = repair_warnings(log)
    assert warning.code == "cid-removed" and warning.provenance == Provenance(lines=(2, 2))


def test_zwj_sequences_survive_and_stray_zwj_goes() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert fixes.fix_spaces(f"a{family}b\u200dc") == f"a{family}bc"


def test_lone_surrogates_become_logged_removals() -> None:
    pipeline = RepairPipeline(STEPS)
    text, log = pipeline.apply("a \ud83c b")
    assert text == "a b"
    assert any(r.step == "remove_replacement_chars" and r.removed for r in log)
