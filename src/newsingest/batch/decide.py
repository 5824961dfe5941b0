"""The resume / retry decision, once: what to do with an input given the previous manifest.

Both engines and every kind of storage use these two pure functions; nothing else decides
whether an input is converted again. The decision is split in two because one half needs the
input's bytes: :func:`decide` runs where the plan is made (from the previous record and the
flags alone); when it answers :attr:`Action.VERIFY`, :func:`keep_previous` runs where the bytes
are read (the worker, so a client never downloads a bucket to hash it).

- ``--resume`` converts what is not settled: an input that is new, was never attempted
  (``skipped``), whose bytes changed (sha256), or whose ``ok`` output is gone. An input that
  failed before with the same bytes keeps its record: it would fail the same way.
- ``--retry-failed`` reruns exactly the recorded failures (``failed``, ``timeout``); other
  recorded inputs keep their record, inputs the manifest does not know are ``skipped``.
- Both together: everything that is not ``ok`` and unchanged is run.
"""

from __future__ import annotations

import enum

import attrs

from newsingest.batch.record import Record, Status

__all__ = ["Action", "Mode", "decide", "keep_previous"]


@attrs.frozen
class Mode:
    """The flags of a run that carry a previous manifest over."""

    resume: bool = False
    retry_failed: bool = False

    @property
    def carries(self) -> bool:
        return self.resume or self.retry_failed


class Action(enum.Enum):
    RUN = "run"  #: convert it
    KEEP = "keep"  #: keep the previous record as it is
    NOT_IN_MANIFEST = "not-in-manifest"  #: --retry-failed alone, an input it does not know
    VERIFY = "verify"  #: keep the previous record if keep_previous() says so, else convert


def decide(previous: Record | None, mode: Mode) -> Action:
    """What to do with an input, from its previous record and the run's flags.

    >>> decide(None, Mode()), decide(Record("a", "ok"), Mode(resume=True))
    (<Action.RUN: 'run'>, <Action.VERIFY: 'verify'>)
    """
    if not mode.carries:
        return Action.RUN
    if previous is None:
        return Action.RUN if mode.resume else Action.NOT_IN_MANIFEST
    if mode.retry_failed and previous.status.failed:
        return Action.RUN
    if not mode.resume:
        return Action.KEEP
    if previous.status is Status.SKIPPED:
        return Action.RUN
    return Action.VERIFY


def keep_previous(previous: Record, sha256: str, output_present: bool) -> bool:
    """After :attr:`Action.VERIFY`: is the previous record still true of these bytes?

    >>> keep_previous(Record("a", "failed", sha256="1"), "1", output_present=False)
    True
    >>> keep_previous(Record("a", "ok", sha256="1"), "1", output_present=False)
    False
    """
    if previous.sha256 != sha256:
        return False
    return previous.status.failed or (previous.status is Status.OK and output_present)
