"""Third-party plugins load through the real entry-point mechanism; broken ones are isolated."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest
from fakes import install_fake_distribution

import newsingest
from newsingest import plugins
from newsingest.cli import main

THROWAWAY = """
    from newsingest import Block, BlockType, Document, Metadata, hookimpl

    class ShoutParser:
        name = "shout"
        version = "0.1"
        media_types = ("text/x-shout",)
        extensions = (".shout",)

        def sniff(self, head):
            return 1.0 if head.startswith(b"SHOUT:") else 0.0

        def parse(self, source, context):
            text, repairs = context.repair(source.data.decode("utf-8")[6:])
            return Document(source=source.source(self, "text/x-shout"),
                            metadata=Metadata(title=text.upper()),
                            blocks=(Block(BlockType.PARAGRAPH, text),), repairs=repairs)

    @hookimpl
    def register_parsers(register):
        register(ShoutParser())
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_plugins: None) -> Path:
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_third_party_parser_is_found_and_used(site: Path) -> None:
    install_fake_distribution(site, "newsingest_shout", "ns_shout", THROWAWAY, "shout")
    doc = newsingest.parse(b"SHOUT:hello there")
    assert doc.source.parser == "shout"
    assert doc.metadata.title == "HELLO THERE"
    registry = plugins.get_registry()
    assert registry.origin[("parser", "shout")] == "newsingest_shout"
    # Built-ins still work next to it.
    assert newsingest.parse_text("Title\n\nBody text.\n").source.parser == "text"


def test_plugin_that_fails_to_import_is_skipped_with_warning(site: Path) -> None:
    install_fake_distribution(site, "newsingest_broken", "ns_broken",
                              "raise ImportError('missing dependency frobnicate')", "broken")
    with pytest.warns(plugins.PluginWarning, match=r"'broken'.*newsingest_broken.*frobnicate"):
        registry = plugins.get_registry()
    assert {"pdf", "html", "text"} <= set(registry.parsers)
    assert newsingest.parse_text("Hello\n\nWorld.\n").blocks


def test_plugin_that_raises_in_a_hook_is_skipped(site: Path) -> None:
    install_fake_distribution(site, "newsingest_raiser", "ns_raiser", """
        from newsingest import hookimpl

        @hookimpl
        def register_exporters(register):
            raise RuntimeError("boom")
    """, "raiser")
    with pytest.warns(plugins.PluginWarning, match=r"'raiser'.*register_exporters.*boom"):
        registry = plugins.get_registry()
    assert set(registry.exporters) >= {"json", "jsonl", "markdown", "text"}


def test_invalid_registration_is_refused(site: Path) -> None:
    install_fake_distribution(site, "newsingest_dup", "ns_dup", """
        from newsingest import hookimpl
        from newsingest.parsers.text import TextParser

        @hookimpl
        def register_parsers(register):
            register(TextParser())  # the name "text" is taken by the built-in
    """, "dup")
    with pytest.warns(plugins.PluginWarning, match="already registered"):
        plugins.get_registry()


def test_env_var_restricts_third_party_plugins(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_distribution(site, "newsingest_shout", "ns_shout", THROWAWAY, "shout")
    monkeypatch.setenv("NEWSINGEST_PLUGINS", "")
    assert "shout" not in plugins.get_registry().parsers
    plugins.reset()
    monkeypatch.setenv("NEWSINGEST_PLUGINS", "shout")
    assert "shout" in plugins.get_registry().parsers


def test_plugins_load_once(fresh_plugins: None) -> None:
    assert plugins.get_registry() is plugins.get_registry()
    assert plugins.get_plugin_manager() is plugins.get_plugin_manager()


def test_plugins_command_lists_builtins_and_distributions(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    install_fake_distribution(site, "newsingest_shout", "ns_shout", THROWAWAY, "shout")
    with pytest.raises(SystemExit) as exit_info:
        main(["plugins"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for name in ("pdf", "html", "text", "json", "jsonl", "markdown", "fix_encoding"):
        assert name in out
    assert "newsingest_shout" in out


def test_no_warnings_from_a_clean_install(fresh_plugins: None) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plugins.get_registry()
    assert "newsingest" in sys.modules


def test_duplicate_name_costs_only_that_item(site: Path) -> None:
    install_fake_distribution(site, "newsingest_dupexp", "ns_dupexp", """
        from newsingest import hookimpl
        from newsingest.export import Exporter

        @hookimpl
        def register_exporters(register):
            register(Exporter("json", ".json", "application/json", lambda doc: "{}"))
            register(Exporter("yaml", ".yaml", "application/yaml", lambda doc: "x: 1"))
    """, "dupexp")
    with pytest.warns(plugins.PluginWarning, match="'dupexp'.*exporter not registered.*'json'"):
        registry = plugins.get_registry()
    # The plugin's own valid exporter stays, and so does every built-in.
    assert {"json", "jsonl", "markdown", "text", "yaml"} <= set(registry.exporters)
    assert registry.origin[("exporter", "json")] == "newsingest"


def test_malformed_parser_is_refused(site: Path) -> None:
    install_fake_distribution(site, "newsingest_badattrs", "ns_badattrs", """
        from newsingest import hookimpl

        class Bad:
            name = "bad"
            version = "1"
            media_types = ("text/x-bad",)
            extensions = ".bad"          # a str, not a tuple
            def sniff(self, head): return 0.0
            def parse(self, source, context): raise NotImplementedError

        @hookimpl
        def register_parsers(register):
            register(Bad())
    """, "badattrs")
    with pytest.warns(plugins.PluginWarning, match="extensions must be a tuple"):
        registry = plugins.get_registry()
    assert "bad" not in registry.parsers


BROKEN_AT_RUN_TIME = """
    from newsingest import hookimpl
    from newsingest.repair import RepairStep

    def explode(text):
        raise ValueError("kaboom")

    class Crashy:
        name = "crashy"
        version = "1"
        media_types = ("text/x-crashy",)
        extensions = (".crashy",)
        def sniff(self, head):
            if head.startswith(b"SNIFFBOMB"):
                raise RuntimeError("sniff bug")
            return 1.0 if head.startswith(b"CRASH") else 0.0
        def parse(self, source, context):
            raise KeyError("bug in plugin")

    @hookimpl
    def register_repairs(register):
        register(RepairStep("explode", explode, "always fails"))

    @hookimpl
    def register_parsers(register):
        register(Crashy())
"""


def test_failures_at_run_time_are_isolated(site: Path) -> None:
    install_fake_distribution(site, "newsingest_crashy", "ns_crashy", BROKEN_AT_RUN_TIME, "crashy")
    # A repair step that raises is skipped; the document says so.
    doc = newsingest.parse_text("Headline\n\nSome body text.\n")
    assert any(w.code == "repair-step-failed" and "explode" in w.message for w in doc.warnings)
    assert doc.blocks
    # A parser that raises something else than ParseError becomes a typed, actionable error.
    with pytest.raises(newsingest.ParserCrashError, match=r"'crashy'.*newsingest_crashy.*KeyError"):
        newsingest.parse(b"CRASH now")
    # A sniff that raises is warned about once and treated as "not mine".
    with pytest.warns(plugins.PluginWarning, match="sniff raised"):
        doc = newsingest.parse(b"SNIFFBOMB but plain text\n", name="x.txt")
    assert doc.source.parser == "text"


def test_plugin_cannot_take_a_builtin_command_name(site: Path) -> None:
    install_fake_distribution(site, "newsingest_cmd", "ns_cmd", """
        import click
        from newsingest import hookimpl

        @hookimpl
        def register_commands(cli):
            @cli.command("convert")
            def fake_convert():
                click.echo("fake")

            @cli.command("hello")
            def hello():
                click.echo("hello from plugin")
    """, "cmd")
    from click.testing import CliRunner

    from newsingest.cli import _Group

    group = _Group("probe", commands={})
    with pytest.warns(plugins.PluginWarning, match="'cmd': command 'convert' already exists"):
        group._load_plugins()
    result = CliRunner().invoke(group, ["hello"])
    assert result.output == "hello from plugin\n"
    assert group.commands["convert"].callback is not None
    assert group.commands["convert"].callback.__module__ == "newsingest.batch.cli"
