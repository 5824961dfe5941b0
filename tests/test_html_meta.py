"""HTML metadata: meta tags, OpenGraph, Twitter cards and JSON-LD in its common shapes."""

from __future__ import annotations

import json

import pytest

import newsingest
from newsingest.meta.html import strip_site_suffix
from newsingest.model import Metadata

BODY = ("<article><p>The council voted on Tuesday to approve the new budget, which sets aside "
        "money for road repairs and two new schools.</p></article>")


def meta_of(head: str, body: str = BODY, lang: str = "en-GB") -> Metadata:
    page = f"<html lang='{lang}'><head>{head}</head><body>{body}</body></html>"
    return newsingest.parse(page.encode(), name="page.html", htmldate=False).metadata


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_meta_tags_and_opengraph() -> None:
    meta = meta_of("""
      <title>Budget approved - The Daily Planet</title>
      <meta property="og:site_name" content="The Daily Planet">
      <meta name="author" content="By Jane Doe">
      <meta name="description" content="The council approved the budget.">
      <meta name="keywords" content="budget, council , schools">
      <meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
      <meta property="article:modified_time" content="2024-03-06">
      <meta property="article:section" content="Local">
      <link rel="canonical" href="https://planet.example/budget">""")
    assert meta.title == "Budget approved"
    assert meta.site_name == "The Daily Planet"
    assert meta.authors == ("Jane Doe",)
    assert meta.description == "The council approved the budget."
    assert meta.keywords == ("budget", "council", "schools")
    assert meta.published.isoformat() == "2024-03-05T09:30:00+01:00"
    assert meta.modified.isoformat() == "2024-03-06"
    assert meta.section == "Local"
    assert meta.url == "https://planet.example/budget"
    assert meta.language == "en-GB"


def test_twitter_card_title_when_nothing_better() -> None:
    meta = meta_of('<meta name="twitter:title" content="Storm warning for the coast">')
    assert meta.title == "Storm warning for the coast"


@pytest.mark.parametrize("kind", ["NewsArticle", "Article", "ReportageNewsArticle",
                                  ["NewsArticle", "Article"]])
def test_jsonld_article_types(kind: object) -> None:
    meta = meta_of(ld({
        "@context": "https://schema.org", "@type": kind, "headline": "Budget approved",
        "author": [{"@type": "Person", "name": "Jane Doe"}, {"name": "John Roe"}],
        "datePublished": "2024-03-05T09:30:00Z", "dateModified": "2024-03-05T10:00:00Z",
        "publisher": {"@type": "Organization", "name": "The Daily Planet"},
        "inLanguage": "en", "articleSection": ["Local", "Politics"],
    }) + "<title>Something else | Site</title>")
    assert meta.title == "Budget approved"
    assert meta.authors == ("Jane Doe", "John Roe")
    assert meta.published.isoformat() == "2024-03-05T09:30:00+00:00"
    assert meta.modified.isoformat() == "2024-03-05T10:00:00+00:00"
    assert meta.site_name == "The Daily Planet"
    assert meta.language == "en"
    assert meta.section == "Local"


def test_jsonld_graph_and_lists() -> None:
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Planet"},
        {"@type": "WebPage", "name": "Page"},
        {"@type": "NewsArticle", "headline": "From the graph", "author": "Jane Doe",
         "datePublished": "2024-03-05"},
    ]}
    meta = meta_of(ld([{"@type": "Organization", "name": "Org"}, graph]))
    assert meta.title == "From the graph"
    assert meta.authors == ("Jane Doe",)
    assert meta.published.isoformat() == "2024-03-05"


def test_invalid_jsonld_warns_and_meta_tags_still_count() -> None:
    page = ("<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
            "\"headline\": </script><meta property='og:title' content='Fallback title'>"
            f"</head><body>{BODY}</body></html>")
    doc = newsingest.parse(page.encode(), name="page.html", htmldate=False)
    assert doc.metadata.title == "Fallback title"
    assert [w.code for w in doc.warnings] == ["invalid-jsonld"]


def test_jsonld_with_trailing_comma_is_still_read() -> None:
    meta = meta_of('<script type="application/ld+json">{"@type": "Article", '
                   '"headline": "Lenient",}</script>')
    assert meta.title == "Lenient"


def test_htmldate_finds_an_unstructured_date() -> None:
    page = (f"<html><head><title>Story</title></head><body>{BODY}"
            "<p>Published 2023-11-19</p></body></html>")
    doc = newsingest.parse(page.encode(), name="page.html")
    assert doc.metadata.published.isoformat() == "2023-11-19"


@pytest.mark.parametrize(("title", "site", "expected"), [
    ("Storm hits the coast | Planet", None, "Storm hits the coast"),
    ("Planet - Storm hits the coast overnight", "Planet", "Storm hits the coast overnight"),
    ("Ceasefire - what we know", None, "Ceasefire - what we know"),
    ("One part", None, "One part"),
])
def test_strip_site_suffix(title: str, site: str | None, expected: str) -> None:
    assert strip_site_suffix(title, site) == expected


def test_visible_byline_when_no_meta_names_the_author() -> None:
    body = ('<article><div class="article-byline">By Jane Doe and John Roe | March 5, 2024</div>'
            + BODY.removeprefix("<article>"))
    assert meta_of("", body=body).authors == ("Jane Doe", "John Roe")
    rel = '<article><a rel="author" href="/jane">Jane Doe</a>' + BODY.removeprefix("<article>")
    assert meta_of("", body=rel).authors == ("Jane Doe",)


def test_cms_default_dates_are_no_dates_but_timestamps_keep_their_time() -> None:
    # Unset CMS fields come out as the Unix epoch; a page was never published then. The
    # next source (here JSON-LD's dateCreated) is used instead.
    meta = meta_of('<meta property="article:published_time" content="1970-01-01">'
                   + ld({"@type": "NewsArticle", "dateCreated": "2024-03-05T09:30:00-05:00",
                         "dateModified": "March 6, 2024"}))
    assert meta.published.isoformat() == "2024-03-05T09:30:00-05:00"
    assert meta.modified.isoformat() == "2024-03-06"


def test_date_only_values_parse_like_the_shared_date_parser() -> None:
    from newsingest.meta.dates import parse_date
    from newsingest.meta.htmldates import iso_date

    for value in ("Tue, 19 Nov 2019", "24 Mar. 2026", "2024-03-05", "March 2024"):
        assert iso_date(value) == parse_date(value), value
    assert iso_date("1850-06-01") is None and parse_date("1850-06-01") == "1850-06-01"


def test_visible_byline_adds_the_co_authors_structured_data_left_out() -> None:
    body = ("<div class='post-byline'>Published on December 2nd, 2025 by "
            "<a class='author' rel='author' href='/a/chen'>Chen Zhao</a> and "
            "<a class='author' rel='author' href='/a/daryl'>Daryl Fairweather</a></div>" + BODY)
    meta = meta_of('<meta name="author" content="Chen Zhao">', body)
    assert meta.authors == ("Chen Zhao", "Daryl Fairweather")


def test_visible_byline_naming_someone_else_does_not_replace_the_stated_author() -> None:
    body = ("<div class='byline'>By <a rel='author' href='/a'>Ann Lee</a> and "
            "<a rel='author' href='/b'>Bo Diaz</a></div>" + BODY)
    meta = meta_of('<meta name="author" content="Chen Zhao">', body)
    assert meta.authors == ("Chen Zhao",)


def test_mojibake_in_the_title_is_repaired_and_logged() -> None:
    doc = newsingest.parse(
        "<html><head><title>A DIY Investorâ\x80\x99s Guide</title></head>"
        f"<body>{BODY}</body></html>".encode(), name="page.html", htmldate=False)
    assert doc.metadata.title == "A DIY Investor’s Guide"
    assert any(r.step == "fix_encoding" and "Investor’s" in r.after for r in doc.repairs)


@pytest.mark.parametrize("value", ["page.head.extra.author", "Written By", "The Author"])
def test_a_template_key_or_a_bare_label_is_no_author(value: str) -> None:
    body = "<div class='byline'>By <a rel='author' href='/tim'>Tim Enwall</a></div>" + BODY
    assert meta_of(f'<meta name="author" content="{value}">', body).authors == ("Tim Enwall",)


def test_citation_and_cxense_author_tags() -> None:
    assert meta_of('<meta name="citation_author" content="Roy, Aniruddha">'
                   '<meta name="citation_author" content="Patel, Jyoti">').authors == (
        "Aniruddha Roy",)
    assert meta_of('<meta property="cXenseParse:author" content="Harry Rabinowitz">'
                   ).authors == ("Harry Rabinowitz",)


def test_a_headline_wrapping_a_subtitle_block_is_its_first_block() -> None:
    page = ("<html><head><title>Taxes explained | Site</title></head><body>"
            "<h1><div><p>Tax 101: Understanding the basics</p>"
            "<h4>A guide to the types of taxes Americans pay</h4></div></h1>"
            f"{BODY}</body></html>")
    doc = newsingest.parse(page.encode(), name="page.html", htmldate=False)
    assert doc.metadata.title == "Tax 101: Understanding the basics"


def test_a_date_line_just_above_the_headline_is_the_date() -> None:
    body = "<header><h5 class='kicker'> January 23, 2025 </h5><h1>Solar in four steps</h1></header>"
    assert str(meta_of("<title>Solar in four steps</title>", body + BODY).published) == (
        "2025-01-23")
    far = "<p>" + "A long paragraph of other text before the headline. " * 3 + "</p>"
    body = f"<h5>January 23, 2025</h5>{far}<h1>Solar in four steps</h1>"
    assert meta_of("<title>Solar in four steps</title>", body + BODY).published is None


def test_an_h1_printed_with_the_site_name_gives_the_title_without_it() -> None:
    page = ("<html><head><meta property='og:site_name' content='Artlyst'>"
            "<title>Best UK art exhibitions of 2025 – Artlyst - Artlyst</title></head><body>"
            f"<h1>Best UK art exhibitions of 2025 – Artlyst</h1>{BODY}</body></html>")
    doc = newsingest.parse(page.encode(), name="page.html", htmldate=False)
    assert doc.metadata.title == "Best UK art exhibitions of 2025"
    assert all("Artlyst" not in block.text for block in doc.blocks)


def test_the_date_shown_under_the_headline_wins_over_structured_data() -> None:
    head = ('<title>Solar in four steps</title>'
            '<meta property="article:published_time" content="2019-04-02T10:00:00Z">')
    body = "<h1>Solar in four steps</h1><p><span>March 5, 2025</span></p>"
    assert str(meta_of(head, body + BODY).published) == "2025-03-05"


def test_a_shown_publication_date_beats_a_shown_update_date() -> None:
    head = "<title>Solar in four steps</title>"
    body = ("<h1>Solar in four steps</h1><div><span>Last updated:</span> <span>Dec 4, 2025"
            "</span></div><div><span>Published</span> <span>Nov 2, 2025</span></div>")
    assert str(meta_of(head, body + BODY).published) == "2025-11-02"
    only_update = "<h1>Solar in four steps</h1><p><span>Updated Dec 4, 2025</span></p>"
    assert str(meta_of(head, only_update + BODY).published) == "2025-12-04"


def test_a_publication_date_far_below_an_update_date_is_another_items() -> None:
    head = ("<title>Markets</title>"
            '<meta property="article:published_time" content="2025-02-12T10:00:00Z">')
    rows = "".join(f"<tr><td>Row {i}</td><td>{i}/1/2013</td></tr>" for i in range(1, 8))
    body = (f"<h1>Markets</h1><p><span>Last Updated Nov 6, 2025</span></p>"
            f"<p><span>A</span></p><p><span>B</span></p><p><span>C</span></p><table>{rows}</table>")
    assert str(meta_of(head, body + BODY, lang="en-US").published) == "2025-11-06"


def test_a_time_elements_datetime_gives_the_day_not_its_ambiguous_text() -> None:
    body = ('<h1>Solar in four steps</h1><p><time datetime="2023-10-12T19:38:01Z">10/12/2023'
            "</time></p>")
    assert str(meta_of("<title>Solar</title>", body + BODY).published) == "2023-10-12"
    # a datetime in display notation is as ambiguous as the text: the text is read instead
    body = '<h1>Solar in four steps</h1><p><time datetime="02-12-2025">December 2, 2025</time></p>'
    assert str(meta_of("<title>Solar</title>", body + BODY).published) == "2025-12-02"


def test_a_date_line_above_the_headline_may_end_in_a_reading_time() -> None:
    body = "<p><span>February 4, 2025 - 11 minutes</span></p><h1>Solar in four steps</h1>"
    assert str(meta_of("<title>Solar</title>", body + BODY).published) == "2025-02-04"


def test_a_date_in_the_address_beats_an_ambiguous_shown_one() -> None:
    page = ("<html lang='en-US'><head><title>Wine</title></head><body><h1>Wine types</h1>"
            f"<p><span>03/10/2023</span></p>{BODY}</body></html>")
    doc = newsingest.parse(page.encode(), name="page.html", htmldate=False,
                           url="https://example.org/blog/2023/october/03/wine-types/")
    assert str(doc.metadata.published) == "2023-10-03"


def test_the_twitter_written_by_label_names_the_author() -> None:
    head = ('<meta name="twitter:label1" content="Written by">'
            '<meta name="twitter:data1" content="Paramita (Guha) Ghosh">'
            '<meta name="twitter:label2" content="Est. reading time">'
            '<meta name="twitter:data2" content="7 minutes">')
    assert meta_of(head).authors == ("Paramita (Guha) Ghosh",)


def test_a_by_lead_in_takes_the_name_element_after_it() -> None:
    body = ("<h1>Motors</h1><p>By <a href='/c/ajn'>A. J. Neal</a> <a href='/d'>View In Digital "
            f"Edition</a></p>{BODY}")
    assert meta_of("<title>Motors</title>", body).authors == ("A. J. Neal",)


def test_contributors_label_and_dot_operator_separator_in_bylines() -> None:
    body = f"<div><strong>Contributors:</strong> Janet Loughrey</div>{BODY}"
    assert meta_of("<title>Plants</title>", body).authors == ("Janet Loughrey",)
    body = f"<div>By <a href='/a/b'>Ben Applebaum-Bauch</a> ⋅ Review Editor</div>{BODY}"
    assert meta_of("<title>Gear</title>", body).authors == ("Ben Applebaum-Bauch",)


@pytest.mark.parametrize("h1", ["Blog: Best agencies of 2025", "Best agencies of 2025 | Opinion",
                                "Dec 18, 2025 Best agencies of 2025"])
def test_an_h1_wrapping_the_stated_title_in_a_label_gives_the_stated_title(h1: str) -> None:
    page = ("<html><head><meta property='og:title' content='Best agencies of 2025'>"
            f"<title>Best agencies of 2025 | Site</title></head><body><h1>{h1}</h1>{BODY}"
            "</body></html>")
    doc = newsingest.parse(page.encode(), name="page.html", htmldate=False)
    assert doc.metadata.title == "Best agencies of 2025"


def test_an_h1_extending_the_stated_title_with_a_clause_stays_the_title() -> None:
    h1 = "Pros and cons of tiny houses: why you might live in one at all"
    page = ("<html><head><meta property='og:title' content='Pros and cons of tiny houses'>"
            f"</head><body><h1>{h1}</h1>{BODY}</body></html>")
    doc = newsingest.parse(page.encode(), name="page.html", htmldate=False)
    assert doc.metadata.title == h1


def test_an_h1_printing_the_page_title_with_its_suffixes_gives_the_stated_title() -> None:
    printed = "How babies sleep through the night | Patient Education | Children's Hospital"
    page = ("<html><head><meta property='og:title' content='How babies sleep through the night'>"
            f"<title>{printed}</title></head><body><h1>{printed}</h1>{BODY}</body></html>")
    doc = newsingest.parse(page.encode(), name="page.html", htmldate=False)
    assert doc.metadata.title == "How babies sleep through the night"
