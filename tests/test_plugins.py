"""Third-party plugins load through the real entry-point mechanism; broken ones are isolated."""

from __future__ import annotations

import sys
import textwrap
import warnings
from pathlib import Path

import pytest

import newsingest
from newsingest import plugins
from newsingest.cli import main


def install_fake_distribution(root: Path, dist: str, module: str, source: str,
                              entry_name: str | None = None) -> None:
    """Write a module and a ``*.dist-info`` with a ``newsingest`` entry point, as pip would."""
    (root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = root / f"{dist}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        f"[newsingest]\n{entry_name or module} = {module}\n", encoding="utf-8"
    )


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
