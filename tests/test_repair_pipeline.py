"""The repair pipeline logs every change with its location and enforces the step contract."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsingest.errors import PluginError
from newsingest.model import Provenance
from newsingest.repair import RepairPipeline, RepairStep, replay
from newsingest.repair.builtin import STEPS


def upper_x(text: str) -> str:
    return text.replace("x", "X")


def test_log_counts_and_locates() -> None:
    pipeline = RepairPipeline([RepairStep("upper_x", upper_x, "x to X")])
    text, log = pipeline.apply("ax\nno\nxx x")
    assert text == "aX\nno\nXX X"
    (entry,) = log
    assert entry.step == "upper_x"
    assert entry.count == 3  # one change on line 1, two runs on line 3
    assert entry.locations == (Provenance(lines=(1, 1)), Provenance(lines=(3, 3)))
    assert (entry.before, entry.after) == ("ax", "aX")


def test_custom_locate_and_unchanged_steps_are_not_logged() -> None:
    pipeline = RepairPipeline([RepairStep("upper_x", upper_x, "x to X")])
    _, log = pipeline.apply("x", lambda i: Provenance(page=2))
    assert log[0].locations == (Provenance(page=2),)
    assert pipeline.apply("nothing here")[1] == ()


def test_step_that_changes_line_count_is_refused() -> None:
    pipeline = RepairPipeline([RepairStep("joiner", lambda t: t.replace("\n", " "), "bad")])
    with pytest.raises(RuntimeError, match="number of lines"):
        pipeline.apply("a\nb")


def test_registration_validates() -> None:
    pipeline = RepairPipeline([RepairStep("upper_x", upper_x, "x to X")])
    with pytest.raises(PluginError, match="already registered"):
        pipeline.add(RepairStep("upper_x", upper_x, "again"))
    with pytest.raises(PluginError, match="RepairStep"):
        pipeline.add(upper_x)  # type: ignore[arg-type]


def test_replay_runs_the_logged_steps() -> None:
    pipeline = RepairPipeline([RepairStep("upper_x", upper_x, "x"),
                               RepairStep("lower_a", lambda t: t.replace("A", "a"), "A")])
    text, log = pipeline.apply("xA")
    assert replay("xA", [r.step for r in log], pipeline) == text
    assert replay("xA", ["upper_x"], pipeline) == "XA"
    with pytest.raises(KeyError, match="unknown"):
        replay("x", ["missing"], pipeline)


def test_long_lines_are_logged_without_quadratic_diff() -> None:
    pipeline = RepairPipeline([RepairStep("upper_x", upper_x, "x to X")])
    _, log = pipeline.apply("a" * 100_000 + "x")
    assert log[0].count == 1 and log[0].after.endswith("X")


# -- the whole pipeline: repairing a repaired text changes nothing ---------------------------

#: Pieces that interact across steps: mojibake, controls, soft hyphens, NBSP, Symbol bullets,
#: ligatures, replacement characters, (cid:N) runs, zero-width joiners, line starts.
PIECES = st.sampled_from([
    "\u00ad", "\u00a0", "\uf0b7", "\uf0a7", "\x07", "\x0c", "\x1b", "\ufffd", "(cid:7)", "\ufb01",
    "\u200b", "\u200d", "\n", " ", "  ", "\t", "-", "a", "é", "Ã©", "â€™", "Ã", "©", "â€", "™",
    "caf", "word", "\U000fe4ee", "\u2022", "•",
])
TEXTS = st.lists(st.one_of(PIECES, st.characters(codec="utf-8", exclude_categories=("Cs",))),
                 max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=TEXTS)
def test_the_builtin_pipeline_is_idempotent_as_a_whole(text: str) -> None:
    pipeline = RepairPipeline(list(STEPS))
    once, _ = pipeline.apply(text)
    twice, log = pipeline.apply(once)
    assert twice == once, f"a second pass changed {once!r} (steps {[r.step for r in log]})"


@pytest.mark.parametrize("text", [
    "Ã\x07©",  # ftfy after control characters: removing \x07 makes new mojibake
    "a\u00ad\u00a0b",  # soft hyphen before NBSP: the hyphen is then line-final... or not
    "\u00a0\uf0b7 item",  # Symbol bullet after NBSP: the NBSP becomes a stray leading space
])
def test_reported_second_pass_changes(text: str) -> None:
    pipeline = RepairPipeline(list(STEPS))
    once, _ = pipeline.apply(text)
    assert pipeline.apply(once)[0] == once


# -- steps run only on texts whose origin can carry their damage ----------------------------


def test_a_step_for_read_back_damage_skips_authored_text() -> None:
    from newsingest.repair import TextOrigin

    step = RepairStep("upper_x", upper_x, "x to X", origins=frozenset({TextOrigin.EXTRACTED}))
    pipeline = RepairPipeline([step, RepairStep("lower_a", lambda t: t.replace("A", "a"), "A")])
    text, log = pipeline.apply("xA", origin=TextOrigin.AUTHORED)
    assert (text, [r.step for r in log]) == ("xa", ["lower_a"])
    for origin in (TextOrigin.EXTRACTED, None):  # unknown origin: every step runs
        assert pipeline.apply("xA", origin=origin)[0] == "Xa"


def test_html_text_is_not_word_joined_but_a_text_dump_is() -> None:
    """Regression (issue 13): the word steps ran on HTML, cost 10 % of its parse and joined
    what the author wrote apart ("½ cup" -> "½cup", "(W x D x H)" -> "(Wx Dx H)")."""
    from newsingest.api import parse, parse_text

    written = "Add ½ cup of vinegar to the box (W x D x H) and discipl ined T h e D a i l y men."
    html = parse(f"<html><body><article><p>{written}</p></article></body></html>".encode())
    assert [b.text for b in html.blocks] == [written]
    assert not {r.step for r in html.repairs} & {"join_split_words", "join_letter_spacing"}
    dump = parse_text("He should be discipl ined, said T h e D a i l y.")
    assert [b.text for b in dump.blocks] == ["He should be disciplined, said The Daily."]
    assert {r.step for r in dump.repairs} == {"join_split_words", "join_letter_spacing"}
