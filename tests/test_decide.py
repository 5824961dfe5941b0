"""The resume / retry decision, on a table of cases: flags x previous record x what the bytes say.

One row per case; ``expected`` is what happens to the input: ``run`` (convert it), ``keep``
(the previous record stands), ``not-in-manifest`` (recorded skipped). ``VERIFY`` rows are
resolved with :func:`keep_previous`, given whether the bytes are unchanged and the output there.
"""

from __future__ import annotations

import pytest

from newsingest.batch.decide import Action, Mode, decide, keep_previous
from newsingest.batch.record import Record

SHA = "a" * 64
OTHER = "b" * 64
NONE, RESUME, RETRY, BOTH = Mode(), Mode(resume=True), Mode(retry_failed=True), Mode(True, True)


def rec(status: str) -> Record:
    return Record("x.pdf", status, sha256=SHA)


# (mode, previous status or None, bytes sha, output present, expected)
CASES = [
    # no flags: everything runs, whatever the manifest says
    (NONE, None, SHA, False, "run"),
    (NONE, "ok", SHA, True, "run"),
    (NONE, "failed", SHA, False, "run"),
    # --resume: new, changed, never attempted, output gone -> run; settled -> keep
    (RESUME, None, SHA, False, "run"),
    (RESUME, "ok", SHA, True, "keep"),
    (RESUME, "ok", SHA, False, "run"),  # its output was deleted
    (RESUME, "ok", OTHER, True, "run"),  # the input changed
    (RESUME, "failed", SHA, False, "keep"),  # would fail the same way
    (RESUME, "timeout", SHA, False, "keep"),
    (RESUME, "failed", OTHER, False, "run"),  # fixed since
    (RESUME, "skipped", SHA, False, "run"),  # never attempted (fail-fast, unsupported)
    # --retry-failed: exactly the recorded failures
    (RETRY, None, SHA, False, "not-in-manifest"),
    (RETRY, "failed", SHA, False, "run"),
    (RETRY, "timeout", SHA, False, "run"),
    (RETRY, "ok", SHA, False, "keep"),  # even with its output gone: not a failure
    (RETRY, "skipped", SHA, False, "keep"),
    # both: everything not ok-and-unchanged runs
    (BOTH, None, SHA, False, "run"),
    (BOTH, "failed", SHA, False, "run"),
    (BOTH, "ok", SHA, True, "keep"),
    (BOTH, "ok", OTHER, True, "run"),
    (BOTH, "skipped", SHA, False, "run"),
]


@pytest.mark.parametrize(("mode", "previous", "sha", "present", "expected"), CASES)
def test_decision_table(mode: Mode, previous: str | None, sha: str, present: bool,
                        expected: str) -> None:
    record = rec(previous) if previous is not None else None
    action = decide(record, mode)
    if action is Action.VERIFY:
        assert record is not None
        action = Action.KEEP if keep_previous(record, sha, present) else Action.RUN
    assert action.value == expected


def test_only_resume_ever_needs_the_bytes() -> None:
    """VERIFY (hash the input) comes only with --resume, so a --retry-failed run over a bucket
    never reads inputs it keeps."""
    for mode, previous, *_ in CASES:
        action = decide(rec(previous) if previous else None, mode)
        assert action is not Action.VERIFY or mode.resume
