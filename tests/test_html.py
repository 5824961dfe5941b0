"""The HTML parser: the article among page furniture, its structure, decoding and provenance."""

from __future__ import annotations

import newsingest
from newsingest.model import BlockType, Document

PROSE = (
    "The council voted on Tuesday to approve the new budget, which sets aside money for road "
    "repairs, two new schools and a larger fire brigade for the northern districts."
)


def html(body: str, head: str = "<title>Budget approved | The Daily Planet</title>") -> bytes:
    return f"<!doctype html><html lang='en'><head>{head}</head><body>{body}</body></html>".encode()


def parse(data: bytes, **options: object) -> Document:
    return newsingest.parse(data, name="page.html", **options)


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks]


PAGE = html(f"""
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
  <li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="layout">
  <article>
    <h1>Budget approved</h1>
    <p class="byline">By Jane Doe</p>
    <p>{PROSE}</p>
    <h2>What changes</h2>
    <p>Residents will see the first repairs in spring, the mayor said, and the schools should
       open in two years if the builders keep to the plan agreed with the council.</p>
    <blockquote><p>This is the budget the city needed.</p></blockquote>
    <p>Opposition members said the plan was too costly and would raise local taxes by far more
       than the council admits, and they promised to fight it at the next election.</p>
  </article>
  <aside class="related"><h3>Related</h3><ul>
    <li><a href="/a">Another story about the council and its many long meetings</a></li>
    <li><a href="/b">Yet another story about roads and the repairs of roads</a></li></ul></aside>
  <section id="comments" class="comments-area">
    <p>I think this budget is a terrible idea and nobody asked the people who pay for it.</p>
  </section>
</div>
<footer><p>Copyright 2024 The Daily Planet. All rights reserved.</p></footer>
""")


def test_article_is_found_among_nav_related_and_comments() -> None:
    doc = parse(PAGE)
    body = doc.text
    assert PROSE in body
    assert "Opposition members said" in body
    for furniture in ("Home", "Another story", "terrible idea", "Copyright", "By Jane Doe"):
        assert furniture not in body
    assert doc.metadata.title == "Budget approved"
    assert doc.metadata.language == "en"
    assert doc.source.parser == "html"


def test_structure_and_provenance() -> None:
    doc = parse(PAGE)
    heading = next(b for b in doc.blocks if b.type is BlockType.HEADING)
    assert (heading.text, heading.level) == ("What changes", 2)
    quote = next(b for b in doc.blocks if b.type is BlockType.QUOTE)
    assert quote.text == "This is the budget the city needed."
    assert all((b.provenance.path or "").startswith("/html/body/") for b in doc.blocks)
    assert doc.blocks[0].provenance.path == "/html/body/div/article/p[2]"
    # The headline is metadata, kept as furniture rather than silently lost.
    assert any(f.text == "Budget approved" for f in doc.furniture)


def test_whitespace_folds_like_a_browser_and_emoji_stay_intact() -> None:
    family = "\U0001F469\u200D\U0001F469\u200D\U0001F467"
    doc = parse(html(f"<article><p>  Two\n   words   and\ta family {family} of three, "
                     f"which is what the long sentence here is about.</p>"
                     f"<pre>keep   this\n  as is</pre></article>"))
    assert texts(doc)[0] == (f"Two words and a family {family} of three, "
                             "which is what the long sentence here is about.")
    pre = doc.blocks[1]
    assert pre.type is BlockType.PREFORMATTED
    assert pre.text == "keep   this\n  as is"


def test_double_br_separates_paragraphs() -> None:
    first = "The first paragraph is long enough to count as running text on its own page."
    second = "The second paragraph follows after two line breaks, as old pages do it."
    doc = parse(html(f"<div id='story'>{first}<br><br>\n{second}<br>still second.</div>"))
    assert texts(doc) == [first, second + " still second."]


def test_nested_lists_have_depth_order_and_marker() -> None:
    doc = parse(html(f"""<article><p>{PROSE}</p>
      <ol start="3"><li>Roads are repaired first
          <ul><li>in the north</li><li>then in the south</li></ul></li>
        <li>Schools come second</li></ol></article>"""))
    items = [b for b in doc.blocks if b.type is BlockType.LIST_ITEM]
    assert [(b.text, b.depth, b.ordered, b.marker) for b in items] == [
        ("Roads are repaired first", 0, True, "3."),
        ("in the north", 1, False, "•"),
        ("then in the south", 1, False, "•"),
        ("Schools come second", 0, True, "4."),
    ]


def test_list_depth_counts_from_zero_like_the_text_and_pdf_parsers() -> None:
    # Depth 0 is a top-level item: the Markdown exporter indents by depth, so a top-level
    # item from HTML must not come out indented as if it were nested.
    doc = parse(html(f"""<article><p>{PROSE}</p><ul><li>First point</li>
      <li>Second point<ul><li>a detail<ol><li>a finer one</li></ol></li></ul></li></ul>
      <dl><dt>Term</dt><dd>its meaning</dd></dl></article>"""))
    items = [(b.text, b.depth) for b in doc.blocks if b.type is BlockType.LIST_ITEM]
    assert items[:4] == [("First point", 0), ("Second point", 0), ("a detail", 1),
                         ("a finer one", 2)]
    assert ("Term", 0) in items
    markdown = doc.to_markdown()
    assert "\n- First point" in markdown and "\n  - a detail" in markdown


def test_data_table_becomes_rows() -> None:
    doc = parse(html(f"""<article><p>{PROSE}</p><table>
      <tr><th>District</th><th>Budget</th></tr>
      <tr><td>North</td><td>1.2m</td></tr><tr><td>South</td><td>0.8m</td></tr>
      </table></article>"""))
    table = next(b for b in doc.blocks if b.type is BlockType.TABLE)
    assert table.rows == (("District", "Budget"), ("North", "1.2m"), ("South", "0.8m"))
    assert "North | 1.2m" in table.text


def test_hidden_script_style_and_form_are_dropped() -> None:
    doc = parse(html(f"""<article><p>{PROSE}</p>
      <p style="display: none">Hidden by style text that should never show up.</p>
      <p hidden>Hidden by attribute text that should never show up.</p>
      <div aria-hidden="true">Hidden from assistive tech and from us too.</div>
      <script>var tracking = "script text";</script><style>p {{ color: red }}</style>
      <form><label>Subscribe to our newsletter</label><input name="email"></form>
      </article>"""))
    body = doc.text
    assert PROSE in body
    for gone in ("Hidden by", "Hidden from", "script text", "color", "Subscribe"):
        assert gone not in body


def test_captions_are_caption_blocks_and_figure_clutter_is_not() -> None:
    page = html(f"""<article><p>{PROSE}</p><figure><img src="x.jpg">
      <div class="credit">Photo: A. Snapper</div><span>Enlarge this image</span>
      <figcaption>The council chamber on Tuesday.</figcaption></figure></article>""")
    doc = parse(page)
    captions = [b for b in doc.blocks if b.type is BlockType.CAPTION]
    assert [b.text for b in captions] == ["The council chamber on Tuesday."]
    assert "Enlarge" not in doc.text
    assert any(f.text == "Enlarge this image" for f in doc.furniture)
    assert "council chamber" not in parse(page, captions=False).text


def test_declared_latin1_but_utf8_bytes_decode_without_mojibake() -> None:
    page = ("<html><head><meta charset='ISO-8859-1'></head><body><article><p>"
            f"Le café de la gare a rouvert ses portes – {PROSE}</p></article></body></html>")
    doc = parse(page.encode("utf-8"))
    assert doc.blocks[0].text.startswith("Le café de la gare a rouvert ses portes – ")


def test_declared_cp1252_is_honoured() -> None:
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"
            f"</head><body><article><p>“Quoted” café – {PROSE}</p></article></body></html>")
    doc = parse(page.encode("cp1252"))
    assert doc.blocks[0].text.startswith("“Quoted” café – ")


def test_jsonld_article_body_points_to_the_article() -> None:
    story = " ".join(f"Sentence number {i} of the real story goes here." for i in range(40))
    teaser = " ".join(f"Teaser line {i} about something else entirely." for i in range(60))
    page = html(
        f"<div class='a'><p>{story}</p></div><div class='b'><p>{teaser}</p></div>",
        head=f"""<script type="application/ld+json">
        {{"@type": "NewsArticle", "headline": "Real story", "articleBody": "{story}"}}</script>""",
    )
    doc = parse(page)
    assert texts(doc) == [story]


def test_element_paths_match_lxml_getpath() -> None:
    import lxml.html

    from newsingest.parsers.html import ElementPaths

    root = lxml.html.document_fromstring(PAGE)
    paths = ElementPaths()
    tree = root.getroottree()
    for el in root.iter():
        if isinstance(el.tag, str):
            assert paths(el) == tree.getpath(el)


def test_page_wrapped_in_a_form_still_yields_its_article() -> None:
    # ASP.NET pages put the whole page in one <form>; furniture rules alone would drop it all.
    doc = parse(html(f"<form id='aspnetForm'><div><p>{PROSE}</p></div></form>"))
    assert texts(doc) == [PROSE]


def test_output_validates_against_the_schema() -> None:
    import json
    from importlib import resources

    import jsonschema

    schema = json.loads(resources.files("newsingest").joinpath(
        "schema/document.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(parse(PAGE).to_json()), schema)


def test_raw_is_set_only_where_the_parser_joined_lines() -> None:
    # As for text and PDF: raw is the text as extracted, after character repairs (which
    # doc.repairs records), before the parser joined its lines. Folded whitespace is no rewrite.
    doc = parse(html(f"""<article><p>The cafe\u00adteria   opened,
      {PROSE}</p><p>Town Hall<br>
      12 High Street<br>Northtown</p></article>"""))
    repaired, address = doc.blocks
    assert repaired.text.startswith("The cafeteria opened, The council")
    assert repaired.raw is None
    assert [r.step for r in doc.repairs] == ["fix_soft_hyphens"]
    assert address.text == "Town Hall 12 High Street Northtown"
    assert address.raw == "Town Hall\n12 High Street\nNorthtown"


def test_headline_from_the_h1_when_the_page_names_no_title() -> None:
    # No <title>, og:title or JSON-LD headline: the article's own <h1> is the title (it was
    # dropped from the body as "the headline again" and the title was None).
    doc = parse(html(f"""<header class="site"><h1><a href="/">The Daily Planet</a></h1></header>
      <article><p class="kicker">Local</p><h2>Council news</h2><h1>Budget approved</h1>
      <p>{PROSE}</p><p>{PROSE}</p></article>""", head=""))
    assert doc.metadata.title == "Budget approved"
    assert "Budget approved" not in [b.text for b in doc.blocks]


def test_most_prominent_lead_heading_when_there_is_no_h1() -> None:
    doc = parse(html(f"<div><h3>Local</h3><h2>Budget approved</h2><p>{PROSE}</p>"
                     f"<p>{PROSE}</p></div>", head=""))
    assert doc.metadata.title == "Budget approved"
    assert [b.type for b in doc.blocks] == [BlockType.PARAGRAPH, BlockType.PARAGRAPH]


def test_headline_above_the_article_box_but_not_the_site_name() -> None:
    doc = parse(html(f"""<div class="top"><h1>The Daily Planet</h1></div>
      <div class="post"><h1 class="entry-title">Budget approved</h1><div class="entry-content">
      <p>{PROSE}</p><p>{PROSE}</p></div></div>""", head=""))
    assert doc.metadata.title == "Budget approved"
    banner = parse(html(f"""<header><h1>The Daily Planet</h1></header><div class="post">
      <div class="entry-content"><p>{PROSE}</p><p>{PROSE}</p></div></div>""", head=""))
    assert banner.metadata.title is None


def test_the_headline_h1_wins_over_a_stated_title_it_agrees_with_but_not_a_label() -> None:
    # The <h1> readers see is the headline; og:title is SEO wording of it.
    doc = parse(html(f"<article><h1>Budget passes the council</h1><p>{PROSE}</p></article>",
                     head='<meta property="og:title" content="Budget approved">'))
    assert doc.metadata.title == "Budget passes the council"
    assert all(b.text != "Budget passes the council" for b in doc.blocks)
    # A short h1 that shares nothing with the stated title is a section label.
    label = parse(html(f"<article><h1>Blog</h1><p>{PROSE}</p></article>",
                       head='<meta property="og:title" content="Budget approved">'))
    assert label.metadata.title == "Budget approved"
    # An h1 that is the site's name never is the title.
    site = parse(html(f"<article><h1>The Daily Planet News</h1><p>{PROSE}</p></article>",
                      head='<meta property="og:title" content="Budget approved">'
                           '<meta property="og:site_name" content="The Daily Planet">'))
    assert site.metadata.title == "Budget approved"


def test_headline_linked_to_its_own_page_or_in_a_skipped_story_header() -> None:
    linked = parse(html(f"""<div class="post"><h1 class="entry-title"><a href="/budget">Budget
      approved</a></h1><div class="entry-content"><p>{PROSE}</p><p>{PROSE}</p></div></div>""",
                        head=""))
    assert linked.metadata.title == "Budget approved"
    # A story header with share buttons reads like a call to action and is skipped whole.
    shared = parse(html(f"""<div class="top"><div class="hd"><h1>Budget approved</h1>
      <button>Share</button></div><div class="text"><p>{PROSE}</p><p>{PROSE}</p></div>
      <aside><h1>More from the council</h1></aside></div>""", head=""))
    assert shared.metadata.title == "Budget approved"


def test_text_skipped_inside_and_around_the_article_is_furniture_with_a_kind() -> None:
    doc = parse(html(f"""<header class="site"><a href="/">The Daily Planet</a>
      <ul><li><a href="/world">World</a></li></ul></header>
      <nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
      <article><p class="byline">By Jane Doe</p><p>{PROSE}</p>
        <aside><p>Fact box: the budget is 12 million.</p></aside><p>{PROSE}</p>
        <div class="breadcrumbs"><a href="/">Home</a> › <a href="/local">Local</a></div>
        <script>var x = "never text";</script><div hidden>Hidden note</div></article>
      <div id="masthead-bottom">The Daily Planet, since 1901</div>
      <aside class="rail"><p>Most read: a story about roads</p></aside>
      <footer><p>Copyright 2024 The Daily Planet.</p></footer>"""))
    kinds = [(f.kind.value, f.text) for f in doc.furniture]
    assert kinds == [
        ("header", "The Daily Planet\nWorld"),
        ("navigation", "Home Sport"),
        ("other", "By Jane Doe"),
        ("other", "Fact box: the budget is 12 million."),
        ("navigation", "Home › Local"),
        ("masthead", "The Daily Planet, since 1901"),
        ("other", "Most read: a story about roads"),
        ("footer", "Copyright 2024 The Daily Planet."),
    ]
    assert doc.furniture[3].provenance.path == "/html/body/article/aside"
    assert [b.text for b in doc.blocks] == [PROSE, PROSE]


def test_a_long_skipped_subtree_is_kept_cut_with_a_note() -> None:
    comments = "".join(f"<p>Comment {n}: I read this and I have thoughts about it.</p>"
                       for n in range(200))
    doc = parse(html(f"<article><p>{PROSE}</p><div class='comments'>{comments}</div>"
                     "</article>"))
    (item,) = doc.furniture
    assert item.text.startswith("Comment 0: I read this")
    assert item.text.endswith("(cut: furniture keeps the first 2,000 characters)")
    assert len(item.text) < 2100
