"""The ``newsingest`` command line. Plugins add commands through ``register_commands``."""

from __future__ import annotations

import contextlib
import logging
import sys
import warnings
from pathlib import Path
from typing import Any

import click

from newsingest.__about__ import __version__
from newsingest.errors import NewsingestError, OutputError
from newsingest.model import Document

__all__ = ["cli", "main"]


class _Group(click.Group):
    """Turns our own errors into one clear line (and exit 1); tracebacks only with --debug.

    Plugin commands (``register_commands``) are loaded on first lookup, so the group works the
    same from the console script, ``python -m newsingest`` and click's ``CliRunner``.
    """

    _plugins_loaded = False
    _current_plugin: str | None = None

    def _load_plugins(self) -> None:
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        from newsingest.plugins import call_isolated

        def kwargs_for(plugin: str) -> dict[str, Any]:
            self._current_plugin = plugin
            return {"cli": self}

        try:
            call_isolated("register_commands", kwargs_for)
        finally:
            self._current_plugin = None

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        name = name or cmd.name
        if self._current_plugin is not None and name in self.commands:
            # First come keeps the name: the built-in commands register first (tryfirst), so a
            # plugin cannot silently replace `parse` or `convert`.
            from newsingest.plugins import PluginWarning

            warnings.warn(f"plugin {self._current_plugin!r}: command {name!r} already exists; "
                          "the plugin's command is ignored", PluginWarning, stacklevel=2)
            return
        super().add_command(cmd, name)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._load_plugins()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_plugins()
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsingestError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"newsingest: error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="newsingest")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn news documents (PDF, HTML, text dumps) into clean, structured data."""
    ctx.obj = {"debug": debug}
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING,
                        format="newsingest: %(levelname)s: %(message)s")
    logging.captureWarnings(True)  # plugin warnings: one line each, in the same format


def _read_document(file: str, parser: str | None, password: str | None,
                   url: str | None = None) -> Document:
    from newsingest.api import parse as parse_source

    options: dict[str, Any] = {}
    if password is not None:
        options["password"] = password
    if url is not None:
        options["url"] = url
    if file == "-":
        return parse_source(sys.stdin.buffer.read(), parser=parser, name="<stdin>", **options)
    return parse_source(file, parser=parser, **options)


def _show_warnings(doc: Document, quiet: bool) -> None:
    """The document's warnings on stderr, one line each, so a user sees what went wrong
    without reading the JSON (``--quiet`` hides them)."""
    if quiet:
        return
    label = doc.source.name or "<bytes>"
    for warning in doc.warnings:
        page = warning.provenance.page if warning.provenance is not None else None
        where = f" (page {page})" if page is not None else ""
        message = " ".join(warning.message.split())  # one line, whatever the parser wrote
        click.echo(f"newsingest: warning: {label}{where}: {warning.code}: {message}", err=True)


def _write(rendered: str, output: Path | None) -> None:
    """Standard output, or ``output`` written atomically, its folder created if missing."""
    if output is None:
        click.echo(rendered, nl=False)
        return
    tmp = output.with_name(output.name + ".tmp")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(rendered, encoding="utf-8")
        tmp.replace(output)
    except OSError as exc:
        with contextlib.suppress(OSError):  # under a "folder" that is a file there is none
            tmp.unlink(missing_ok=True)
        raise OutputError(f"{output}: cannot write: {exc.strerror or exc}") from None


_FILE = click.Path(allow_dash=True, path_type=str)  # a folder gets the library's message
_OUTPUT = click.Path(dir_okay=False, path_type=Path)


@cli.command()
@click.argument("file", type=_FILE)
@click.option("-f", "--format", "fmt",
              help="Output format: json, jsonl, markdown (md), text (txt), chunks, or a "
                   "plugin's. Default: from the -o file's extension, else json.")
@click.option("-o", "--output", type=_OUTPUT,
              help="Write here instead of standard output (missing folders are created).")
@click.option("--front-matter", is_flag=True, help="Markdown: start with the metadata as YAML.")
@click.option("--parser", help="Parser name (default: detect from content and extension).")
@click.option("--password", help="Password of an encrypted PDF.")
@click.option("--url", help="The page's address (HTML): dates in its path, relative links, "
              "metadata.url when the page states none.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print the document's warnings.")
def parse(file: str, fmt: str | None, output: Path | None, front_matter: bool,
          parser: str | None, password: str | None, url: str | None, quiet: bool) -> None:
    """Parse FILE (or - for standard input) and print the document.

    The document's warnings go to standard error, one line each.
    """
    from newsingest.export import find_exporter, format_choices
    from newsingest.plugins import get_registry

    exporters = get_registry().exporters
    exporter = find_exporter(exporters, fmt, None if output is None else output.name)
    if exporter is None and fmt is not None:
        raise click.BadParameter(f"{fmt!r}; choose from {format_choices(exporters)}",
                                 param_hint="--format")
    if exporter is None:
        exporter = exporters["json"]  # no -f, and no -o or one whose extension says nothing
    options: dict[str, Any] = {}
    if front_matter:
        if "front_matter" not in exporter.options:
            raise click.BadParameter(f"only for markdown, not {exporter.name}",
                                     param_hint="--front-matter")
        options["front_matter"] = True
    doc = _read_document(file, parser, password, url)
    _show_warnings(doc, quiet)
    _write(exporter.render(doc, **options), output)


@cli.command("chunk")
@click.argument("file", type=_FILE)
@click.option("--max-tokens", type=click.IntRange(min=1), default=256, show_default=True,
              help="Largest chunk, in tokens (words unless --tokenizer).")
@click.option("--overlap", type=click.IntRange(min=0), default=0, show_default=True,
              help="Tokens of whole sentences repeated from the previous chunk.")
@click.option("--tokenizer", metavar="MODULE:NAME",
              help="Count tokens with this callable or tokenizer object (imported), e.g. "
                   "mypkg.tok:count.")
@click.option("-o", "--output", type=_OUTPUT,
              help="Write here instead of standard output (missing folders are created).")
@click.option("--parser", help="Parser name (default: detect from content and extension).")
@click.option("--password", help="Password of an encrypted PDF.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print the document's warnings.")
def chunk_command(file: str, max_tokens: int, overlap: int, tokenizer: str | None,
                  output: Path | None, parser: str | None, password: str | None,
                  quiet: bool) -> None:
    """Parse FILE and write its chunks for retrieval as JSON Lines, one chunk per line."""
    from newsingest.chunking import chunks_jsonl

    if overlap >= max_tokens:
        raise click.BadParameter(f"{overlap} is not below --max-tokens {max_tokens}",
                                 param_hint="--overlap")
    counter = _import_tokenizer(tokenizer) if tokenizer else None
    doc = _read_document(file, parser, password)
    _show_warnings(doc, quiet)
    _write(chunks_jsonl(doc, max_tokens, overlap, counter), output)


def _import_tokenizer(spec: str) -> Any:
    import importlib

    module_name, _, attr = spec.partition(":")
    try:
        target: Any = importlib.import_module(module_name)
        for part in attr.split(".") if attr else ():
            target = getattr(target, part)
    except (ImportError, AttributeError, ValueError) as exc:
        raise click.BadParameter(f"{spec!r}: {exc}", param_hint="--tokenizer") from None
    return target


@cli.command("plugins")
def plugins_command() -> None:
    """List parsers, repair steps and exporters, and the distribution each comes from."""
    from newsingest.plugins import get_registry

    registry = get_registry()
    click.echo("parsers:")
    for name, parser in registry.parsers.items():
        claims = " ".join(parser.extensions)
        click.echo(f"  {name:<12} {registry.origin.get(('parser', name), '?'):<22} {claims}")
    click.echo("repairs (in order):")
    for step in registry.repairs.steps:
        click.echo(f"  {step.name:<28} {registry.origin.get(('repair', step.name), '?')}")
    click.echo("exporters:")
    for name, exporter in registry.exporters.items():
        click.echo(f"  {name:<12} {registry.origin.get(('exporter', name), '?'):<22} "
                   f"{exporter.extension}")


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv, prog_name="newsingest")
