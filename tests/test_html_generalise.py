"""Rules that generalise beyond the pages they were found on (issue 13): evidence-weighted
class/id words, root choice, tables, sniffing and metadata. Small self-contained pages."""

from __future__ import annotations

import json

from fakes import COMMENT, P1, P2, P3

import newsingest
from newsingest.model import BlockType, Document
from newsingest.parsers.html.clean import classify_words, token_parts


def page(body: str, head: str = "", lang: str = "en") -> bytes:
    return (f"<!doctype html><html lang='{lang}'><head><title>Sea wall | Gazette</title>{head}"
            f"</head><body>{body}</body></html>").encode()


def parse(data: bytes, **options: object) -> Document:
    return newsingest.parse(data, name="page.html", **options)


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks]


def test_a_soft_word_box_holding_the_story_is_read_but_a_small_one_is_skipped() -> None:
    doc = parse(page(f"""<div class="elementor-widget-container"><p>{P1}</p><p>{P2}</p>
        <p>{P3}</p></div><div class="widget sidebar-box"><p>{COMMENT}</p></div>"""))
    assert texts(doc) == [P1, P2, P3]


def test_hard_words_win_over_content_words_and_camel_case_is_split() -> None:
    assert classify_words("comment-content", None, {}) == 3
    assert "related" in token_parts("relatedStories")
    doc = parse(page(f"""<div class="story"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>
        <div class="commentContent"><p>{COMMENT}</p></div>"""))
    assert texts(doc) == [P1, P2, P3]


def test_inline_element_inside_running_text_is_never_skipped() -> None:
    doc = parse(page(f"""<div><p>The council <span class="tag">harbour board</span> met on
        Monday to decide the future of the old sea wall, which gave way in two places.</p>
        <p>{P2}</p><p>{P3}</p></div>"""))
    assert "harbour board met" in doc.blocks[0].text


def test_a_button_that_swallowed_the_page_is_read() -> None:
    # An unclosed <button> makes the parser nest the rest of the page inside it.
    doc = parse(page(f"<header><button class='menu'>Menu<main><p>{P1}</p><p>{P2}</p>"
                     f"<p>{P3}</p></main></button></header>"))
    assert texts(doc) == [P1, P2, P3]


def test_long_sibling_articles_are_sections_of_the_story_not_cards() -> None:
    # Each section is longer than a card or a comment (1,000 characters), and not headed by
    # a link.
    sections = "".join(f"<article><h2>Part {n}</h2>" + "".join(
        f"<p>{text} ({n}.{k})</p>" for k, text in enumerate((P1, P2, P3, P1, P2, P3, P1, P2)))
        + "</article>" for n in range(3))
    doc = parse(page(f"<section class='guide'><p>{P1}</p><p>{P2}</p>{sections}</section>"))
    assert sum(1 for b in doc.blocks if b.type is BlockType.HEADING) == 3
    assert len(doc.blocks) == 2 + 3 * 9


def test_a_news_digest_list_with_linked_leads_keeps_the_article() -> None:
    items = "".join(f"<li><strong><a href='/s{n}'>Story number {n} about the harbour wall, the "
                    f"storms of January and what the council will do next</a>.</strong> Our "
                    f"report.</li>" for n in range(8))
    footer = ("<div class='site-footer'><p>Copyright 2026 The Gazette. All rights reserved.</p>"
              "</div>")
    doc = parse(page(f"<div class='post'><p>{P1}</p><ol>{items}</ol><p>{P3}</p></div>{footer}"))
    # The post is the article (its own link list does not sink it below the footer); the
    # mostly-linked items themselves are dropped inside it as link lists.
    assert texts(doc)[0] == P1 and texts(doc)[-1] == P3
    assert all("Copyright" not in text for text in texts(doc))


def test_table_cells_are_read_without_hidden_parts_and_links_count() -> None:
    table = ("<table><tr><th>Year</th><th>Cost</th></tr><tr><td>2024<span hidden>secret</span>"
             "</td><td>1.2m<script>var x=1;</script></td></tr></table>")
    doc = parse(page(f"<div><p>{P1}</p>{table}<p>{P2}</p><p>{P3}</p></div>"))
    table_block = next(b for b in doc.blocks if b.type is BlockType.TABLE)
    assert table_block.rows == (("Year", "Cost"), ("2024", "1.2m"))
    nav = "".join(f"<tr><td><a href='/{n}'>Section number {n}</a></td></tr>" for n in range(20))
    doc = parse(page(f"<table class='x'>{nav}</table><div><p>{P1}</p><p>{P2}</p></div>"))
    assert texts(doc) == [P1, P2]


def test_a_page_that_starts_with_a_style_sheet_is_html() -> None:
    data = f"<style>p {{ color: red }}</style>\n<p>{P1}</p><p>{P2}</p>".encode()
    doc = newsingest.parse(data, name="fragment")
    assert doc.source.parser == "html"
    assert texts(doc) == [P1, P2]


def _ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_jsonld_author_references_resolve_and_organizations_are_no_authors() -> None:
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "headline": "Sea wall", "author": [{"@id": "#jane"}],
         "publisher": {"@id": "#org"}},
        {"@type": "Person", "@id": "#jane", "name": "Jane Doe"},
        {"@type": "Organization", "@id": "#org", "name": "The Gazette"}]}
    doc = parse(page(f"<article><p>{P1}</p></article>", head=_ld(graph)))
    assert doc.metadata.authors == ("Jane Doe",)
    assert doc.metadata.site_name == "The Gazette"
    org = {"@type": "NewsArticle", "author": {"@type": "Organization", "name": "The Gazette"}}
    byline = parse(page(f"<article><p class='x'>Written by <a>Ann Lee</a></p><p>{P1}</p>"
                        "</article>", head=_ld(org)))
    assert byline.metadata.authors == ("Ann Lee",)
    alone = parse(page(f"<article><p>{P1}</p></article>", head=_ld(org)))
    assert alone.metadata.authors == ("The Gazette",)  # no person named anywhere


def test_a_person_box_gives_its_name_and_credentials_stay() -> None:
    box = ("<div itemprop='author'><div itemprop='name'>Dylan Bailey, MS, RD</div>"
           "<div itemprop='description'>" + "Dylan writes about food and nutrition. " * 5 +
           "</div></div>")
    doc = parse(page(f"<article><p>{P1}</p>{box}</article>"))
    assert doc.metadata.authors == ("Dylan Bailey, MS, RD",)


def test_menu_entries_that_start_with_by_are_no_byline() -> None:
    doc = parse(page(f"<nav><h4>By Event Type</h4></nav><article><p>{P1}</p></article>"))
    assert doc.metadata.authors == ()


def test_url_option_gives_the_date_and_the_address() -> None:
    url = "https://blog.example.org/2025/12/19/sea-wall"
    doc = parse(page(f"<article><p>{P1}</p></article>"), url=url)
    assert doc.metadata.published.isoformat() == "2025-12-19"
    assert doc.metadata.url == url
    relative = parse(page(f"<article><p>{P1}</p></article>",
                          head='<link rel="canonical" href="/news/sea-wall">'), url=url)
    assert relative.metadata.url == "https://blog.example.org/news/sea-wall"


def test_numeric_dates_under_the_headline_are_day_first_by_page_language() -> None:
    body = f"<article><h1>Sea wall</h1><p>Von Anna Schmidt, 03.12.2025</p><p>{P1}</p></article>"
    german = parse(page(body, lang="de"), htmldate=False)
    assert german.metadata.published.isoformat() == "2025-12-03"
    body_us = f"<article><h1>Sea wall</h1><p>By Ann Lee, 03/12/2025</p><p>{P1}</p></article>"
    us = parse(page(body_us, lang="en-US"), htmldate=False)
    assert us.metadata.published.isoformat() == "2025-03-12"


def test_entities_escaped_twice_in_titles_are_decoded() -> None:
    doc = parse(page(f"<article><p>{P1}</p></article>",
                     head='<meta property="og:title" content="Tom &amp;#8211; Jerry">'))
    assert doc.metadata.title == "Tom – Jerry"


def test_cli_parse_url_option(tmp_path: object) -> None:
    from pathlib import Path

    from click.testing import CliRunner

    from newsingest.cli import cli

    assert isinstance(tmp_path, Path)
    path = tmp_path / "page.html"
    path.write_bytes(page(f"<article><p>{P1}</p></article>"))
    result = CliRunner().invoke(cli, ["parse", str(path), "--url",
                                      "https://example.org/2024/05/06/sea-wall"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["metadata"]["published"] == "2024-05-06"
    assert data["metadata"]["url"] == "https://example.org/2024/05/06/sea-wall"


def test_links_are_kept_on_blocks_absolute_and_rendered_in_markdown() -> None:
    from newsingest.export.markdown import render_markdown
    from newsingest.model import Link

    body = (f"<article><p>{P1} Read <a href='/report'>the <b>full</b> report</a> or "
            f"<a href='https://other.org/x'>this</a>.</p><p>{P2}</p></article>")
    doc = parse(page(body), url="https://example.org/news/sea-wall")
    first = doc.blocks[0]
    assert [first.text[link.start:link.end] for link in first.links] == ["the full report",
                                                                         "this"]
    assert first.links[0] == Link(first.links[0].start, first.links[0].end,
                                  "https://example.org/report")
    assert doc.blocks[1].links == ()
    assert "[the full report](https://example.org/report)" in render_markdown(doc)
    data = json.loads(doc.to_json())
    assert tuple(map(int, data["schema_version"].split("."))) >= (1, 3)  # links since 1.3
    assert "links" in data["blocks"][0] and "links" not in data["blocks"][1]
    assert Document.from_json(doc.to_json()) == doc


def test_a_beautifulsoup_document_or_selected_element_parses_as_html() -> None:
    import pytest

    bs4 = pytest.importorskip("bs4")
    markup = page(f"<nav><a href='/'>Home</a></nav><div id='story'><p>{P1}</p><p>{P2}</p></div>")
    soup = bs4.BeautifulSoup(markup, "html.parser")
    doc = newsingest.parse(soup)
    assert doc.source.parser == "html" and texts(doc) == [P1, P2]
    element = soup.find(id="story")  # a bare <div>: HTML although it has no <html> mark
    part = newsingest.parse(element, name="story")
    assert part.source.parser == "html" and texts(part) == [P1, P2]


def test_a_product_box_with_a_buy_link_and_a_paragraph_of_prose_is_text() -> None:
    review = (f"<div class='x1'><h3>Lamp one</h3><p>{P1} {P2}</p>"
              "<a class='btn' href='/buy'>Buy on the shop</a></div>")
    pitch = ("<div class='x2'><p>Get the day's stories in your inbox.</p>"
             "<a class='btn' href='/s'>Sign up</a></div>")
    doc = parse(page(f"<div class='list'><p>{P3}</p>{review}{pitch}<p>{P2}</p></div>"))
    assert f"{P1} {P2}" in texts(doc)
    assert all("inbox" not in text for text in texts(doc))


def test_a_teaser_rail_with_summary_lines_does_not_join_a_short_story() -> None:
    # The rail's summaries read as prose; they must not vouch for the linked headlines
    # between them as if those were the story's own link list.
    teasers = "".join(
        f"<li><h3><a href='/t{n}'>Teaser headline number {n} about another story</a></h3>"
        f"<p>Summary line {n} of another story, which is told on another page of the site.</p>"
        "</li>" for n in range(8))
    doc = parse(page(f"""<div class="grid"><div class="primary"><h1>Sea wall</h1>
        <p>{P1}</p><p>{P2}</p></div><div class="secondary"><h2>Latest news</h2>
        <ul>{teasers}</ul></div></div>"""))
    assert texts(doc) == [P1, P2]


def test_a_json_ld_body_much_shorter_than_the_page_does_not_cut_the_rest() -> None:
    intro = [f"Intro sentence number {i} tells the reader what the list below will cover in "
             f"some detail." for i in range(12)]
    items = [f"Item {i} is a long paragraph of its own about one of the things on the list, "
             f"with the reasons it made the cut and what it costs. " * 4 for i in range(8)]
    ld = json.dumps({"@type": "Article", "headline": "Sea wall", "articleBody": " ".join(intro)})
    body = ("<div class='post'><div class='intro'>" + "".join(f"<p>{t}</p>" for t in intro)
            + "</div>" + "".join(f"<div class='card'><h3>Item {i}</h3><p>{t}</p></div>"
                                 for i, t in enumerate(items)) + "</div>")
    doc = parse(page(body, f'<script type="application/ld+json">{ld}</script>'))
    kept = " ".join(texts(doc))
    assert intro[0] in kept and items[-1].strip() in kept


def test_an_article_sinking_under_its_linked_checklist_is_still_found() -> None:
    items = "".join(f"<li><a href='/guide/{i}'>Book the supplier number {i} for the day</a> "
                    f"early</li>" for i in range(30))
    doc = parse(page(f"<div class='post'><p>{P1}</p><ul>{items}</ul></div>"))
    assert P1 in texts(doc)
    assert not any(w.code == "no-article" for w in doc.warnings)


def test_roundup_items_headed_by_a_product_link_are_the_article_not_teasers() -> None:
    def review(i: int, part: int) -> str:
        return " ".join(f"Scooter {i} folds in {i + n} seconds, rides smoothly over broken "
                        f"pavement for {part * 10 + n} miles and its brakes bite hard in the wet."
                        for n in range(8))

    items = "".join(f"<article class='item'><h3><a href='/p/{i}'>Scooter {i}</a></h3>"
                    f"<p>{review(i, 1)}</p><p>{review(i, 2)} Model {i} keeps its charge.</p>"
                    "</article>" for i in range(4))
    doc = parse(page(f"<main><p>{P1}</p><p>{P2}</p>{items}</main>"))
    kept = " ".join(texts(doc))
    assert all(f"Model {i} keeps its charge." in kept for i in range(4))


def test_an_article_a_script_reveals_from_a_hidden_element_is_read() -> None:
    visible = ("<div class='teaser'><p>Index funds, explained: what they are, how they work and "
               "whether they suit you, in one short guide for new savers.</p></div>")
    hidden = f"<div hidden id='S:0'><article><p>{P1}</p><p>{P2}</p><p>{P3}</p></article></div>"
    doc = parse(page(visible + hidden + "<script>reveal('S:0')</script>"))
    assert P2 in texts(doc)


def test_a_task_lists_disabled_checkboxes_are_no_sign_up_form() -> None:
    items = "".join(f"<li><input type='checkbox' disabled> Step {i}: book the venue and the "
                    f"band for the day</li>" for i in range(5))
    doc = parse(page(f"<article><p>{P1}</p><ul>{items}</ul><p>{P2}</p></article>"))
    assert any("Step 3: book the venue" in t for t in texts(doc))
