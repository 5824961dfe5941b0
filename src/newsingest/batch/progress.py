"""Progress while a batch runs, and the summary after it.

On a terminal a ``rich`` progress bar shows files done of total, pages, files per second, the
estimated time left and the failures so far; elsewhere (a log, CI) a plain line is printed every
``interval`` seconds, because a redrawn bar in a log file is noise. ``quiet`` shows nothing.
"""

from __future__ import annotations

import logging
import sys
import time
from collections import Counter, defaultdict
from typing import IO, Any

from newsingest.batch.record import Record, Status

__all__ = ["Reporter", "Stats", "format_duration"]


def format_duration(seconds: float) -> str:
    """Short human duration.

    >>> format_duration(42.4), format_duration(280), format_duration(7322)
    ('42s', '4m40s', '2h02m')
    """
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class Stats:
    """Running counts of a batch run, fed one record at a time."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.total = 0
        self.by_status: Counter[Status] = Counter()
        self.resumed = 0
        self.pages = 0
        self.converted = 0
        self.timings: list[tuple[float, str]] = []
        self.problems: list[Record] = []
        self.skipped: list[Record] = []
        self.peak_rss_mib = 0.0

    @property
    def done(self) -> int:
        return sum(self.by_status.values())

    @property
    def failed(self) -> int:
        return self.by_status[Status.FAILED] + self.by_status[Status.TIMEOUT]

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def add(self, record: Record, *, resumed: bool = False) -> None:
        self.by_status[record.status] += 1
        if record.status.failed:
            self.problems.append(record)
        elif record.status is Status.SKIPPED and not resumed:
            self.skipped.append(record)
        if resumed:
            self.resumed += 1
            return
        if record.status is Status.OK:
            self.converted += 1
            self.pages += record.pages
        if record.status is not Status.SKIPPED:
            self.timings.append((record.seconds, record.path))
        if record.peak_rss_mib:
            self.peak_rss_mib = max(self.peak_rss_mib, record.peak_rss_mib)

    def exit_code(self) -> int:
        """0 when every input is converted (now or before), 1 when any failed."""
        return 1 if self.failed else 0

    def summary(self, outdir: str, *, slowest: int = 5, examples: int = 5) -> str:
        """The closing report: counts by status, throughput, slowest files, failures by type."""
        elapsed = max(self.elapsed, 1e-9)
        counts = ", ".join(f"{self.by_status[s]} {s.value}" for s in Status if self.by_status[s])
        lines = [f"newsingest: {self.done} inputs: {counts or 'none'} in "
                 f"{format_duration(elapsed)}"
                 + (f" ({self.resumed} already done, kept)" if self.resumed else "")]
        if self.converted:
            lines.append(f"  converted {self.converted} files, {self.pages} pages: "
                         f"{self.pages / elapsed:.1f} pages/s, {self.converted / elapsed:.2f} "
                         f"files/s; worker peak RSS {self.peak_rss_mib:.0f} MiB")
        if self.timings:
            top = sorted(self.timings, reverse=True)[:slowest]
            lines.append("  slowest: " + "; ".join(f"{s:.1f}s {p}" for s, p in top))
        groups: dict[str, list[Record]] = defaultdict(list)
        for record in self.problems:
            groups[record.error_type or record.status.value].append(record)
        if groups:
            lines.append("  failures by type:")
            for error_type, records in sorted(groups.items(), key=lambda kv: -len(kv[1])):
                shown = ", ".join(r.path for r in records[:examples])
                more = f" and {len(records) - examples} more" if len(records) > examples else ""
                lines.append(f"    {error_type} ({len(records)}): {shown}{more}")
                lines.append(f"      e.g. {(records[0].message or '').splitlines()[0][:160]}")
        skipped: dict[str, list[Record]] = defaultdict(list)
        for record in self.skipped:
            skipped[record.error_type or "skipped"].append(record)
        for reason, records in sorted(skipped.items(), key=lambda kv: -len(kv[1])):
            shown = ", ".join(r.path for r in records[:examples])
            more = f" and {len(records) - examples} more" if len(records) > examples else ""
            lines.append(f"  skipped, {reason} ({len(records)}): {shown}{more}")
        lines.append(f"  manifest: {outdir.rstrip('/')}/manifest.jsonl")
        return "\n".join(lines)


def _point_log_handlers(old: Any, new: Any) -> list[tuple[logging.StreamHandler[Any], Any]]:
    """Make the root logger's handlers writing to ``old`` write to ``new``; returns what to undo.

    ``logging.basicConfig`` keeps the stderr it found, so warnings logged during a run would go
    round rich's proxy and strand a copy of the bar on the terminal; through the proxy they are
    printed above it.
    """
    swapped = []
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.StreamHandler) and handler.stream is old and old is not new:
            swapped.append((handler, handler.setStream(new)))
    return swapped


class Reporter:
    """Shows progress: a bar on a TTY, periodic plain lines otherwise, nothing when quiet."""

    def __init__(self, *, quiet: bool = False, stream: IO[str] | None = None,
                 tty: bool | None = None, interval: float = 10.0) -> None:
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.interval = interval
        self._last = 0.0
        self._bar: Any = None
        self._task: Any = None
        self._total = 0
        self._swapped: list[tuple[logging.StreamHandler[Any], Any]] = []

    def start(self, total: int) -> None:
        self._total = total
        self._last = time.monotonic()
        if self.quiet or not self.tty:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._bar = Progress(
            TextColumn("converting"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[pages]} pages, {task.fields[rate]} files/s"),
            TimeRemainingColumn(), TextColumn("[red]{task.fields[failed]} failed"),
            console=Console(file=self.stream, force_terminal=True), transient=True,
            auto_refresh=False)  # redrawn when an input finishes: no refresh thread needed
        self._task = self._bar.add_task("convert", total=total, pages=0, rate="-", failed=0)
        original = sys.stderr
        self._bar.start()  # rich now proxies sys.stderr: what is written there goes above the bar
        self._swapped = _point_log_handlers(original, sys.stderr)
        self._bar.refresh()

    def update(self, stats: Stats) -> None:
        if self.quiet:
            return
        if self._bar is not None:
            rate = stats.converted / max(stats.elapsed, 1e-9)
            self._bar.update(self._task, completed=stats.done, pages=stats.pages,
                             rate=f"{rate:.1f}", failed=stats.failed, refresh=True)
            return
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            self.stream.write(self.line(stats) + "\n")
            self.stream.flush()

    def line(self, stats: Stats) -> str:
        """One plain progress line."""
        total = max(self._total, 1)
        rate = (stats.done - stats.resumed) / max(stats.elapsed, 1e-9)
        left = self._total - stats.done
        eta = format_duration(left / rate) if rate > 0 else "?"
        return (f"newsingest: {stats.done}/{self._total} files ({100 * stats.done // total}%), "
                f"{stats.pages} pages, {rate:.1f} files/s, {stats.failed} failed, ETA {eta}")

    def close(self) -> None:
        if self._bar is not None:
            for handler, stream in self._swapped:
                handler.setStream(stream)
            self._swapped = []
            self._bar.stop()
            self._bar = None

    def report(self, stats: Stats, outdir: str) -> None:
        """Print the summary (or, when quiet, one line if anything failed)."""
        if self.quiet:
            if stats.failed:
                self.stream.write(f"newsingest: {stats.failed} of {stats.done} inputs failed; "
                                  f"see {outdir.rstrip('/')}/manifest.jsonl\n")
            return
        self.stream.write(stats.summary(outdir) + "\n")
        self.stream.flush()
