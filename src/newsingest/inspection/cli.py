"""The ``newsingest inspect`` command, added to the CLI through the ``register_commands`` hook.

Kept light (click only) because the plugin manager imports it whenever plugins load; Pillow and
pdfplumber are imported only when the command runs.
"""

from __future__ import annotations

from pathlib import Path

import click

from newsingest.hookspecs import hookimpl

__all__ = ["inspect_command", "register_commands"]


@click.command("inspect")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "outdir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the images / HTML page (created if missing).")
@click.option("--pages", help="Pages to render, e.g. 1-3,5 (default: all).")
@click.option("--resolution", type=click.FloatRange(10, 600), default=100, show_default=True,
              help="Pixels per inch of the page images.")
@click.option("--html", "as_html", is_flag=True,
              help="One self-contained HTML page instead of PNG images (always for text/HTML).")
@click.option("--parser", help="Parser name (default: detect from content and extension).")
@click.option("--password", help="Password of an encrypted PDF.")
def inspect_command(file: Path, outdir: Path, pages: str | None, resolution: float,
                    as_html: bool, parser: str | None, password: str | None) -> None:
    """Parse FILE and draw what the parser decided: blocks, furniture, columns, title."""
    from newsingest.api import parse
    from newsingest.inspection import inspect
    from newsingest.inspection.layout import parse_pages

    if pages is not None:
        try:
            parse_pages(pages)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--pages") from None
    options = {} if password is None else {"password": password}
    doc = parse(file, parser=parser, **options)
    for path in inspect(doc, file, outdir, pages=pages, resolution=resolution, html=as_html,
                        password=password):
        click.echo(str(path))


@hookimpl(tryfirst=True)  # built-in commands keep their names against plugins
def register_commands(cli: click.Group) -> None:
    cli.add_command(inspect_command)
