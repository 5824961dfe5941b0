"""The docx parser on Word files built here with python-docx, plus newsingest's contract checks."""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Callable

import docx
import newsingest
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from newsingest import BlockType, CorruptError, Document, UnsupportedFormatError
from newsingest.testing import check_parser

from newsingest_docx import DocxParser

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def build(edit: Callable[[docx.document.Document], None]) -> bytes:
    document = docx.Document()
    edit(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def release(d: docx.document.Document) -> None:
    """A small press release using the structures Word users reach for."""
    props = d.core_properties
    props.title = "Stale title from the template"
    props.author = "Jane Doe; Press Office"
    props.created = dt.datetime(2026, 3, 24, 9, 30, tzinfo=dt.timezone.utc)
    props.modified = dt.datetime(2026, 3, 25, 12, 0, tzinfo=dt.timezone.utc)
    props.keywords = "widgets, launch; Acme"
    props.language = "en-GB"
    props.category = "Business"
    props.comments = "Embargoed until 10:00"
    d.add_paragraph("Acme launches the Widget 2", style="Title")
    d.add_paragraph("Faster, smaller, cheaper", style="Subtitle")
    d.add_paragraph("LONDON — Acme Corp today announced its cafÃ© widget.")
    d.add_heading("Key facts", level=2)
    for item in ("Ships in May", "Costs less"):
        d.add_paragraph(item, style="List Bullet")
    for item in ("Order online", "Pick it up"):
        d.add_paragraph(item, style="List Number")
    d.add_paragraph("Same day in London", style="List Number 2")
    d.add_paragraph("“We are thrilled,” said the CEO.", style="Quote")
    table = d.add_table(rows=2, cols=2)
    for r, row in enumerate((("Model", "Price"), ("W2", "$10"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.add_paragraph("Contact:\tpress@acme.example")
    d.sections[0].header.paragraphs[0].text = "ACME CORP — PRESS RELEASE"
    d.sections[0].footer.paragraphs[0].text = "acme.example"


@pytest.fixture(scope="module")
def sample() -> bytes:
    return build(release)


@pytest.fixture(scope="module")
def doc(sample: bytes) -> Document:
    return newsingest.parse(sample, name="release.docx")


def test_keeps_the_plugin_contract(sample: bytes) -> None:
    parsed = check_parser(DocxParser(), sample, name="release.docx")
    assert parsed.source.parser == "docx"


def test_title_subtitle_and_core_properties(doc: Document) -> None:
    meta = doc.metadata
    assert meta.title == "Acme launches the Widget 2"  # the visible Title beats a stale property
    assert meta.subtitle == "Faster, smaller, cheaper"
    assert meta.authors == ("Jane Doe", "Press Office")
    assert meta.published.isoformat() == "2026-03-24T09:30:00+00:00"
    assert meta.modified.isoformat() == "2026-03-25T12:00:00+00:00"
    assert meta.keywords == ("widgets", "launch", "Acme")
    assert (meta.language, meta.section, meta.description) == ("en-GB", "Business",
                                                               "Embargoed until 10:00")
    assert meta.title not in [b.text for b in doc.blocks]


def test_blocks_in_order_with_types(doc: Document) -> None:
    assert [(b.type.value, b.text) for b in doc.blocks] == [
        ("paragraph", "LONDON — Acme Corp today announced its café widget."),
        ("heading", "Key facts"),
        ("list_item", "Ships in May"),
        ("list_item", "Costs less"),
        ("list_item", "Order online"),
        ("list_item", "Pick it up"),
        ("list_item", "Same day in London"),
        ("quote", "“We are thrilled,” said the CEO."),
        ("table", "Model\tPrice\nW2\t$10"),
        ("paragraph", "Contact: press@acme.example"),
    ]
    assert doc.blocks[1].level == 2


def test_lists_ordered_bullets_markers_and_depth(doc: Document) -> None:
    items = [(b.ordered, b.marker, b.depth) for b in doc.blocks if b.type is BlockType.LIST_ITEM]
    assert items == [(False, "•", 0), (False, "•", 0), (True, "1.", 0), (True, "2.", 0),
                     (True, "1.", 1)]
    assert "1. Order online\n2. Pick it up\n  1. Same day in London" in doc.to_markdown()


def test_table_rows(doc: Document) -> None:
    table = next(b for b in doc.blocks if b.type is BlockType.TABLE)
    assert table.rows == (("Model", "Price"), ("W2", "$10"))
    assert table.provenance.path == "/body/tbl[1]"


def test_repairs_run_and_are_located(doc: Document) -> None:
    (repair,) = [r for r in doc.repairs if r.step == "fix_encoding"]
    assert repair.locations[0].path == "/body/p[3]"
    assert doc.blocks[0].raw == "LONDON — Acme Corp today announced its cafÃ© widget."
    assert doc.blocks[-1].raw == "Contact:\tpress@acme.example"  # the tab is layout, kept in raw


def test_provenance_paths_and_furniture(doc: Document) -> None:
    assert [b.provenance.path for b in doc.blocks[:3]] == ["/body/p[3]", "/body/p[4]",
                                                           "/body/p[5]"]
    assert [(f.kind.value, f.text, f.provenance.path) for f in doc.furniture] == [
        ("header", "ACME CORP — PRESS RELEASE", "/section[1]/header/p[1]"),
        ("footer", "acme.example", "/section[1]/footer/p[1]"),
    ]
    assert "PRESS RELEASE" not in doc.text


def test_custom_style_based_on_a_heading_and_core_title_fallback() -> None:
    def edit(d: docx.document.Document) -> None:
        d.core_properties.title = "Quarterly results"
        style = d.styles.add_style("Release Subhead", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = d.styles["Heading 3"]
        d.add_paragraph("Outlook", style="Release Subhead")
        d.add_paragraph("Body.")

    parsed = newsingest.parse(build(edit))
    assert parsed.metadata.title == "Quarterly results"
    assert (parsed.blocks[0].type, parsed.blocks[0].level) == (BlockType.HEADING, 3)


def test_content_controls_tracked_changes_and_text_boxes() -> None:
    def edit(d: docx.document.Document) -> None:
        d.add_paragraph("Before.")
        body = d.element.body
        body.insert(len(body) - 1, parse_xml(
            f'<w:sdt {W_NS}><w:sdtContent><w:p><w:r><w:t>Inside a control.</w:t></w:r></w:p>'
            "</w:sdtContent></w:sdt>"))
        body.insert(len(body) - 1, parse_xml(
            f'<w:p {W_NS}><w:r><w:t xml:space="preserve">Kept </w:t></w:r>'
            '<w:del w:id="1" w:author="x"><w:r><w:delText>gone </w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="x"><w:r><w:t>added.</w:t></w:r></w:ins>'
            "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>boxed</w:t></w:r></w:p>"
            "</w:txbxContent></w:pict></w:r></w:p>"))

    parsed = newsingest.parse(build(edit), parser="docx")
    assert [(b.text, b.provenance.path) for b in parsed.blocks] == [
        ("Before.", "/body/p[1]"),
        ("Inside a control.", "/body/sdt[1]/sdtContent/p[1]"),
        ("Kept added.", "/body/p[2]"),
    ]
    assert {w.code for w in parsed.warnings} == {"docx-tracked-changes", "docx-textbox-skipped"}


def test_an_empty_document_warns() -> None:
    parsed = newsingest.parse(build(lambda d: None), parser="docx")
    assert parsed.blocks == ()
    assert [w.code for w in parsed.warnings] == ["no-text"]


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "error", "words"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), UnsupportedFormatError, "legacy Word .doc"),
    (_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}),
     UnsupportedFormatError, "Excel"),
    (_zip({"word/document.xml": b"<not-closed"}), CorruptError, "not a readable Word document"),
    (b"%PDF-1.7\n", CorruptError, "zip archive"),
])
def test_wrong_files_say_what_they_are(data: bytes, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words) as info:
        newsingest.parse(data, parser="docx", name="in.docx")
    assert "in.docx" in str(info.value)


def test_truncated_file_is_a_corrupt_error(sample: bytes) -> None:
    with pytest.raises(CorruptError, match="truncated"):
        newsingest.parse(sample[: len(sample) // 3], name="cut.docx")


def test_detected_by_content_without_a_name(sample: bytes) -> None:
    assert newsingest.parse(sample).source.parser == "docx"
    parser = DocxParser()
    assert parser.sniff(sample[:4096]) == 0.95
    xlsx = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"})
    assert parser.sniff(xlsx[:4096]) == 0.0


def test_numbered_list_with_letters_and_restart() -> None:
    numbering_xml = (
        f'<w:numbering {W_NS}><w:abstractNum w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="%1.%2)"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num></w:numbering>')

    def edit(d: docx.document.Document) -> None:
        numbering = d.part.numbering_part.element
        for child in parse_xml(numbering_xml):  # abstractNums come before nums in the schema
            if child.tag.endswith("abstractNum"):
                numbering.insert(0, copy.deepcopy(child))
            else:
                numbering.append(copy.deepcopy(child))
        for text, level in (("one", 0), ("one a", 1), ("one b", 1), ("two", 0), ("two a", 1)):
            p = d.add_paragraph(text)
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    parsed = newsingest.parse(build(edit), parser="docx")
    assert [(b.marker, b.depth, b.ordered) for b in parsed.blocks] == [
        ("I.", 0, True), ("I.a)", 1, True), ("I.b)", 1, True), ("II.", 0, True),
        ("II.a)", 1, True)]


def test_newsingest_plugins_lists_the_distribution(capsys: pytest.CaptureFixture[str]) -> None:
    from newsingest.cli import main

    with pytest.raises(SystemExit) as info:
        main(["plugins"])
    assert info.value.code == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.split()[:1] == ["docx"])
    assert line.split() == ["docx", "newsingest-docx", ".docx"]
