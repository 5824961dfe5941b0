"""``newsingest convert``: the batch command, added through the ``register_commands`` hook.

This module is a built-in plugin and is imported whenever plugins load (workers included), so it
imports only click at the top; the pool and the runner load when the command runs.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

import click

from newsingest.hookspecs import hookimpl

if TYPE_CHECKING:
    from newsingest.batch.progress import Reporter, Stats
    from newsingest.plugins import Registry

__all__ = ["convert", "register_commands"]

#: Modules the forkserver imports once, so each worker starts as a cheap fork.
PRELOAD = ("newsingest.api", "newsingest.plugins", "newsingest.batch.convert",
           "newsingest.batch.outputs", "newsingest.parsers.pdf", "newsingest.parsers.html",
           "newsingest.parsers.text", "newsingest.repair.builtin", "newsingest.export.builtin",
           "pdfplumber", "lxml.html", "charset_normalizer", "ftfy")


def finish(run: Callable[[], Stats], reporter: Reporter, outdir: str,
           fatal: type[Exception] | tuple[type[Exception], ...]) -> NoReturn:
    """Run a conversion and exit as both engines do: ``fatal`` errors are one line and status 1,
    Ctrl-C is 130 with a hint to resume; otherwise the summary, then 0 or 1."""
    try:
        stats = run()
    except fatal as exc:
        click.echo(f"newsingest: error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("newsingest: interrupted; rerun with --resume to continue", err=True)
        sys.exit(130)
    reporter.report(stats, outdir)
    sys.exit(stats.exit_code())


def check_choices(registry: Registry, fmt: str, parser: str | None) -> None:
    """Usage errors for --format and --parser, shared by the local and the Dask engine."""
    if fmt not in registry.exporters:
        raise click.BadParameter(f"{fmt!r}; choose from {', '.join(sorted(registry.exporters))}",
                                 param_hint="--format")
    if parser is not None and parser not in registry.parsers:
        raise click.BadParameter(f"{parser!r}; installed: {', '.join(registry.parsers)}",
                                 param_hint="--parser")


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def warm_up() -> None:
    """Worker initializer: load the plugins (and their imports) once per worker process.

    A broken plugin was already reported once by the command itself; every worker (and every
    replacement) repeating the warning would bury the progress display.
    """
    import logging
    import warnings

    from newsingest.plugins import PluginWarning, get_registry

    logging.getLogger("newsingest.plugins").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginWarning)
        get_registry()
    from newsingest.reflow.vocabulary import zipf

    zipf("the")  # wordfreq reads its word list on first use: once here, not in a file's timeout


def _existing_inputs(ctx: click.Context, param: click.Parameter,
                     value: tuple[str, ...]) -> tuple[str, ...]:
    """Local INPUTs must exist; fsspec URLs (s3://...) are for ``--engine dask`` to check."""
    for path in value:
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*://", path) and not os.path.exists(path):
            raise click.BadParameter(f"{path!r} does not exist", ctx=ctx, param=param)
    return value


@click.command()
@click.argument("inputs", nargs=-1, required=True, callback=_existing_inputs, metavar="INPUT...")
@click.option("-o", "--output", "outdir", required=True, type=click.Path(path_type=str),
              help="Output folder (created if missing). Nothing is written outside it.")
@click.option("-f", "--format", "fmt", default="json", show_default=True,
              help="json, jsonl (one documents.jsonl stream), markdown, text, or a plugin's.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=_cpu_count,
              show_default="CPU count", help="Worker processes.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=300.0,
              show_default=True, help="Seconds per file before its worker is killed.")
@click.option("--max-memory", type=click.IntRange(min=0), default=2048, show_default=True,
              metavar="MB", help="Address-space cap per worker (RLIMIT_AS); 0: none.")
@click.option("--recycle-after", type=click.IntRange(min=1), default=100, show_default=True,
              metavar="N", help="Replace each worker after N files.")
@click.option("--max-member-size", type=click.IntRange(min=1), default=256, show_default=True,
              metavar="MB", help="Largest archive member read.")
@click.option("--resume", is_flag=True,
              help="Skip inputs the manifest records as done (same sha256, output present) "
                   "or as failed.")
@click.option("--retry-failed", is_flag=True,
              help="Rerun the inputs the manifest records as failed or timed out.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first failure.")
@click.option("--include", multiple=True, metavar="GLOB",
              help="Only convert matching files found in folders and archives (repeatable).")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip matching files and folders (repeatable).")
@click.option("--parser", help="Parser name for every input (default: detect per file).")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine's process pool; dask: a Dask cluster (local paths or "
                   "fsspec URLs; needs newsingest[dask]).")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the scheduler to use (tcp://HOST:8786); default: a "
                   "local cluster of --jobs worker processes.")
def convert(inputs: tuple[str, ...], outdir: str, fmt: str, jobs: int, timeout: float,
            max_memory: int, recycle_after: int, max_member_size: int, resume: bool,
            retry_failed: bool, fail_fast: bool, include: tuple[str, ...],
            exclude: tuple[str, ...], parser: str | None, quiet: bool, engine: str,
            scheduler: str | None) -> None:
    """Convert every INPUT (files, folders, .zip/.tar/.tar.gz archives) into OUTDIR.

    Outputs mirror the input tree (a/b/x.pdf -> OUTDIR/a/b/x.pdf.json); OUTDIR/manifest.jsonl
    has one line per input. Exit status: 0 all converted, 1 some failed, 2 usage error.
    """
    from newsingest.batch.convert import Settings, run_task
    from newsingest.batch.inputs import Limits
    from newsingest.batch.pool import PoolConfig, PoolError, ProcessPool
    from newsingest.batch.progress import Reporter
    from newsingest.batch.runner import Runner, RunOptions
    from newsingest.plugins import get_registry

    if engine == "dask":
        from newsingest.dask.cli import convert_command

        convert_command(**click.get_current_context().params)
    if scheduler or "://" in outdir or any("://" in path for path in inputs):
        raise click.UsageError("--scheduler and URL inputs/outputs need --engine dask")
    absolute_out = os.path.abspath(outdir)
    # Workers fork from this process once it has loaded the plugins (see pool.ProcessPool).
    settings = Settings(fmt=fmt, parser=parser, outdir=None if fmt == "jsonl" else absolute_out)
    pool = ProcessPool(functools.partial(run_task, settings=settings),
                       PoolConfig(jobs=jobs, timeout=timeout, max_memory_mb=max_memory or None,
                                  recycle_after=recycle_after, preload=PRELOAD),
                       initializer=warm_up)
    registry = get_registry()
    check_choices(registry, fmt, parser)
    if os.path.exists(outdir) and not os.path.isdir(outdir):
        raise click.BadParameter(f"{outdir!r} exists and is not a folder", param_hint="-o")
    if any(os.path.realpath(path) == os.path.realpath(outdir) for path in inputs):
        raise click.BadParameter("OUTDIR is an INPUT folder: outputs would become inputs of the "
                                 "next run; choose another folder", param_hint="-o")
    options = RunOptions(
        inputs=inputs, outdir=absolute_out, fmt=fmt,
        extension=registry.exporters[fmt].extension, resume=resume, retry_failed=retry_failed,
        fail_fast=fail_fast, include=include, exclude=exclude,
        limits=Limits(max_member_bytes=max_member_size * 1024 * 1024))
    reporter = Reporter(quiet=quiet)
    runner = Runner(options, reporter)
    finish(lambda: runner.run(pool), reporter, outdir, PoolError)


@hookimpl(tryfirst=True)  # built-in commands keep their names against plugins
def register_commands(cli: click.Group) -> None:
    cli.add_command(convert)
