"""``newsingest convert``: the batch command, added through the ``register_commands`` hook.

One command for both engines: it checks the options, builds the :class:`Runner` and hands it
the local pool or the Dask engine. This module is a built-in plugin and is imported whenever
plugins load (workers included), so it imports only click (and the default size limit, from
the small ``items`` module) at the top. Nothing outside this
module imports it: the pieces it wires live in ``newsingest.batch``'s other modules.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn

import click

from newsingest.batch.items import DEFAULT_MAX_MB
from newsingest.hookspecs import hookimpl

if TYPE_CHECKING:
    from newsingest.batch.progress import Reporter, Stats

__all__ = ["convert", "register_commands"]


def finish(run: Callable[[], Stats], reporter: Reporter, outdir: str,
           fatal: tuple[type[Exception], ...]) -> NoReturn:
    """Run a conversion and exit: ``fatal`` errors are one line and status 1, Ctrl-C is 130
    with a hint to resume; otherwise the summary, then 0 or 1."""
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


def _default_jobs() -> int:
    from newsingest.batch.engine import cpu_count

    return cpu_count()


def _existing_inputs(ctx: click.Context, param: click.Parameter,
                     value: tuple[str, ...]) -> tuple[str, ...]:
    """Local INPUTs must exist (URLs are checked when listed); no NUL bytes in any."""
    from newsingest.batch.sources import local_path

    for path in value:
        local = local_path(path)
        if "\x00" in path or (local is not None and not os.path.exists(local)):
            raise click.BadParameter(f"{path!r} does not exist", ctx=ctx, param=param)
    return value


@click.command()
@click.argument("inputs", nargs=-1, required=True, callback=_existing_inputs, metavar="INPUT...")
@click.option("-o", "--output", "outdir", required=True, type=click.Path(path_type=str),
              help="Output folder or fsspec URL (created if missing). Nothing is written "
                   "outside it.")
@click.option("-f", "--format", "fmt", default="json", show_default=True,
              help="json, jsonl (one documents.jsonl stream), markdown (md), text (txt), "
                   "chunks, or a plugin's.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=_default_jobs,
              show_default="CPU count", help="Worker processes.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=300.0,
              show_default=True, help="Seconds per file before its worker is killed.")
@click.option("--max-size", "max_size", type=click.IntRange(min=0), default=DEFAULT_MAX_MB,
              show_default=True, metavar="MB",
              help="Largest input (file or archive member) read; larger ones fail with "
                   "TooLargeError. 0: no limit.")
@click.option("--max-memory", type=click.IntRange(min=0), default=2048, show_default=True,
              metavar="MB", help="Memory cap per worker (RLIMIT_AS); 0: none.")
@click.option("--recycle-after", type=click.IntRange(min=1), default=100, show_default=True,
              metavar="N", help="Replace each worker after N files.")
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
@click.option("--all-files", is_flag=True,
              help="Convert every file found, not only those an installed parser claims.")
@click.option("--parser", help="Parser name for every input (default: detect per file).")
@click.option("--password", help="Password for encrypted PDFs (the pdf parser's option).")
@click.option("--option", "option_pairs", multiple=True, metavar="KEY=VALUE",
              help="A parser option (repeatable), checked against the installed parsers.")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine's process pool; dask: a Dask cluster (needs "
                   "newsingest[dask]).")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the scheduler to use (tcp://HOST:8786); default: a "
                   "local cluster of --jobs worker processes.")
@click.pass_context
def convert(ctx: click.Context, inputs: tuple[str, ...], outdir: str, fmt: str, jobs: int,
            timeout: float, max_size: int, max_memory: int, recycle_after: int, resume: bool,
            retry_failed: bool, fail_fast: bool, include: tuple[str, ...],
            exclude: tuple[str, ...], all_files: bool, parser: str | None,
            password: str | None, option_pairs: tuple[str, ...], quiet: bool, engine: str,
            scheduler: str | None) -> None:
    """Convert every INPUT (files, folders, .zip/.tar/.tar.gz archives; local paths or
    fsspec URLs such as s3://bucket/prefix) into OUTDIR.

    By default only files a parser claims are converted; the others are listed as skipped.
    Outputs mirror the input tree (a/b/x.pdf -> OUTDIR/a/b/x.pdf.json); OUTDIR/manifest.jsonl
    has one line per input. Exit status: 0 all converted, 1 some failed, 2 usage error.
    """
    from newsingest.batch.decide import Mode
    from newsingest.batch.engine import (
        PoolEngine,
        PoolError,
        WorkerConfig,
        boot,
        quiet_third_party,
    )
    from newsingest.batch.inputs import Claims, Limits
    from newsingest.batch.options import parse_options
    from newsingest.batch.progress import Reporter
    from newsingest.batch.runner import Runner, RunOptions
    from newsingest.batch.sources import is_url, local_path
    from newsingest.batch.store import stream_store
    from newsingest.export import find_exporter, format_choices
    from newsingest.plugins import get_registry

    if engine == "local":
        boot()  # the workers' forkserver imports the parsers while this process does too
    debug = bool(ctx.find_root().obj and ctx.find_root().obj.get("debug"))
    ctx.call_on_close(quiet_third_party(debug))
    registry = get_registry()
    exporter = find_exporter(registry.exporters, fmt)  # the resolver parse -f uses: md, txt too
    if exporter is None:
        raise click.BadParameter(f"{fmt!r}; choose from {format_choices(registry.exporters)}",
                                 param_hint="--format")
    fmt = exporter.name
    if parser is not None and parser not in registry.parsers:
        raise click.BadParameter(f"{parser!r}; installed: {', '.join(registry.parsers)}",
                                 param_hint="--parser")
    pairs = (*option_pairs, *((f"password={password}",) if password is not None else ()))
    try:
        options = parse_options(pairs, registry.parsers, parser)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--option") from None
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    local_out = local_path(outdir)
    if local_out is not None:
        if os.path.exists(local_out) and not os.path.isdir(local_out):
            raise click.BadParameter(f"{outdir!r} exists and is not a folder", param_hint="-o")
        if any(local_path(p) is not None and os.path.realpath(local_path(p) or "")
               == os.path.realpath(local_out) for p in inputs):
            raise click.BadParameter("OUTDIR is an INPUT folder: outputs would become inputs "
                                     "of the next run; choose another folder", param_hint="-o")
    if (is_url(outdir) or any(is_url(p) for p in inputs)) and not _has_fsspec():
        raise click.UsageError("URL inputs or outputs need fsspec and its backend: "
                               "pip install 'newsingest[s3]' (or [dask])")
    run_options = RunOptions(
        inputs=inputs, out=outdir, fmt=fmt, extension=exporter.extension,
        mode=Mode(resume=resume, retry_failed=retry_failed), fail_fast=fail_fast,
        include=include, exclude=exclude, limits=Limits(max_bytes=max_size * 1024 * 1024),
        claims=None if all_files else Claims.of(registry.parsers), parser=parser,
        options=options)
    reporter = Reporter(quiet=quiet)
    runner = Runner(run_options, reporter)
    if runner.jsonl:
        try:
            stream_store(runner.store)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--format") from None
    config = WorkerConfig(timeout=timeout, max_memory_mb=max_memory or None,
                          recycle_after=recycle_after, debug=debug)
    fatal: tuple[type[Exception], ...] = (PoolError, OSError)
    try:
        runner.plan()
    except (FileNotFoundError, ValueError) as exc:
        raise click.BadParameter(str(exc), param_hint="INPUT") from None
    if engine == "local":
        pool = PoolEngine(runner.settings(), jobs, config)
        finish(lambda: runner.run(pool), reporter, outdir, fatal)
    _run_on_dask(runner, config, jobs, scheduler, reporter, outdir, fatal)


def _has_fsspec() -> bool:
    try:
        import fsspec  # noqa: F401
    except ImportError:
        return False
    return True


def _run_on_dask(runner: Any, config: Any, jobs: int, scheduler: str | None,
                 reporter: Reporter, outdir: str, fatal: tuple[type[Exception], ...]) -> NoReturn:
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise click.BadParameter("the dask engine needs the extra: pip install "
                                 "'newsingest[dask]'", param_hint="--engine") from None
    import logging

    from newsingest.dask.api import start_client
    from newsingest.dask.engine import DaskEngine

    logging.getLogger("distributed").setLevel(logging.ERROR)  # the cluster's chatter

    def run() -> Stats:
        with start_client(None, scheduler, jobs) as client:
            stats: Stats = runner.run(DaskEngine(client, runner.settings(), config))
            return stats

    finish(run, reporter, outdir, fatal)


@hookimpl(tryfirst=True)  # built-in commands keep their names against plugins
def register_commands(cli: click.Group) -> None:
    cli.add_command(convert)
