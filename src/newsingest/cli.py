"""The ``newsingest`` command line. Plugins add commands through ``register_commands``."""

from __future__ import annotations

import logging
import sys
import warnings
from pathlib import Path
from typing import Any

import click

from newsingest.__about__ import __version__
from newsingest.errors import NewsingestError, OutputError

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


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=str))
@click.option("-f", "--format", "fmt", default="json", show_default=True,
              help="Output format: json, jsonl, markdown, text (or a plugin's).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of standard output.")
@click.option("--parser", help="Parser name (default: detect from content and extension).")
@click.option("--password", help="Password of an encrypted PDF.")
@click.option("--url", help="The page's address (HTML): dates in its path, relative links, "
              "metadata.url when the page states none.")
def parse(file: str, fmt: str, output: Path | None, parser: str | None,
          password: str | None, url: str | None) -> None:
    """Parse FILE (or - for standard input) and print the document."""
    from newsingest.api import parse as parse_source
    from newsingest.plugins import get_registry

    exporters = get_registry().exporters
    if fmt not in exporters:
        raise click.BadParameter(f"{fmt!r}; choose from {', '.join(sorted(exporters))}",
                                 param_hint="--format")
    options: dict[str, Any] = {}
    if password is not None:
        options["password"] = password
    if url is not None:
        options["url"] = url
    if file == "-":
        doc = parse_source(sys.stdin.buffer.read(), parser=parser, name="<stdin>", **options)
    else:
        doc = parse_source(file, parser=parser, **options)
    rendered = exporters[fmt].export(doc)
    if output is None:
        click.echo(rendered, nl=False)
    else:
        tmp = output.with_name(output.name + ".tmp")
        try:
            tmp.write_text(rendered, encoding="utf-8")
            tmp.replace(output)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise OutputError(f"{output}: cannot write: {exc.strerror or exc}") from None


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
