"""``newsingest convert --engine dask``: the convert command's options, run on a Dask cluster.

The batch command hands over here before it starts its own pool. Same checks, same summary,
same exit codes (0 all converted, 1 some failed, 2 usage error); ``--jobs`` sizes the local
cluster (one single-threaded worker process each) and is ignored with ``--scheduler``.
"""

from __future__ import annotations

import logging
import os
from typing import Any, NoReturn

import click

from newsingest.dask import storage

__all__ = ["convert_command"]


def _usage(message: str, hint: str) -> NoReturn:
    raise click.BadParameter(message, param_hint=hint)


def convert_command(*, inputs: tuple[str, ...], outdir: str, fmt: str, jobs: int,
                    timeout: float, max_memory: int, recycle_after: int, max_member_size: int,
                    resume: bool, retry_failed: bool, fail_fast: bool, include: tuple[str, ...],
                    exclude: tuple[str, ...], parser: str | None, quiet: bool,
                    scheduler: str | None, **_unused: Any) -> NoReturn:
    """Run the conversion on Dask and exit with the run's status."""
    try:
        import distributed  # noqa: F401
        import fsspec  # noqa: F401
    except ImportError:
        _usage("the dask engine needs the extra: pip install 'newsingest[dask]'", "--engine")
    from newsingest.batch.cli import check_choices, finish
    from newsingest.batch.inputs import Limits
    from newsingest.batch.progress import Reporter, Stats
    from newsingest.dask.api import run
    from newsingest.plugins import get_registry

    check_choices(get_registry(), fmt, parser)
    local_out = storage.local_path(outdir)
    if local_out is not None:
        if os.path.exists(local_out) and not os.path.isdir(local_out):
            _usage(f"{outdir!r} exists and is not a folder", "-o")
        if any(storage.local_path(path) == local_out for path in inputs):
            _usage("OUTDIR is an INPUT folder: choose another folder", "-o")
    elif fmt == "jsonl":
        _usage("-f jsonl is written by the client: give a local OUTDIR", "--format")
    logging.getLogger("distributed").setLevel(logging.WARNING)  # the cluster's chatter
    reporter = Reporter(quiet=quiet)

    def run_on_cluster() -> Stats:
        try:
            _, stats = run(inputs, outdir, fmt=fmt, parser=parser, timeout=timeout,
                           max_memory_mb=max_memory or None, recycle_after=recycle_after,
                           resume=resume, retry_failed=retry_failed, fail_fast=fail_fast,
                           include=include, exclude=exclude, scheduler=scheduler,
                           n_workers=jobs,
                           limits=Limits(max_member_bytes=max_member_size * 1024 * 1024),
                           reporter=reporter)
        except (FileNotFoundError, ValueError) as exc:
            _usage(str(exc), "INPUT")
        return stats

    # OSError: the scheduler cannot be reached, the store refuses.
    finish(run_on_cluster, reporter, outdir, OSError)
