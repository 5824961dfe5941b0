"""The ``newsingest`` command line. Plugins add commands through ``register_commands``."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click

from newsingest.__about__ import __version__
from newsingest.errors import NewsingestError

__all__ = ["cli", "main"]


class _Group(click.Group):
    """Turns our own errors into one clear line (and exit 1); tracebacks only with --debug."""

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


def _exporter_names() -> list[str]:
    from newsingest.plugins import get_registry

    return sorted(get_registry().exporters)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=str))
@click.option("-f", "--format", "fmt", default="json", show_default=True,
              help="Output format: json, jsonl, markdown, text (or a plugin's).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of standard output.")
@click.option("--parser", help="Parser name (default: detect from content and extension).")
@click.option("--password", help="Password of an encrypted PDF.")
def parse(file: str, fmt: str, output: Path | None, parser: str | None,
          password: str | None) -> None:
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
    if file == "-":
        doc = parse_source(sys.stdin.buffer.read(), parser=parser, name="<stdin>", **options)
    else:
        doc = parse_source(file, parser=parser, **options)
    rendered = exporters[fmt].export(doc)
    if output is None:
        click.echo(rendered, nl=False)
    else:
        tmp = output.with_name(output.name + ".tmp")
        tmp.write_text(rendered, encoding="utf-8")
        tmp.replace(output)


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


_commands_loaded = False


def _load_plugin_commands() -> None:
    global _commands_loaded
    if _commands_loaded:
        return
    _commands_loaded = True
    from newsingest.plugins import call_isolated

    call_isolated("register_commands", lambda _plugin: {"cli": cli})


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    _load_plugin_commands()
    cli.main(args=argv, prog_name="newsingest")
