"""Page shapes real CMSs produce, each a class of extraction problem (small fixtures)."""

from __future__ import annotations

import json

from fakes import COMMENT, P1, P2, P3

import newsingest
from newsingest.model import BlockType, Document


def page(body: str, head: str = "") -> bytes:
    return (f"<!doctype html><html lang='en'><head><title>Sea wall | Gazette</title>{head}"
            f"</head><body>{body}</body></html>").encode()


def parse(data: bytes) -> Document:
    return newsingest.parse(data, name="page.html")


def test_labels_stamps_and_url_lines_between_paragraphs_are_furniture() -> None:
    doc = parse(page(f"""<div class="css-1"><p>{P1}</p><div class="css-2"><p>Advertisement</p>
        </div><p>{P2}</p><p class="x">Continue reading the main story</p><p>{P3}</p>
        <p>Printed from https://example.com/news/sea-wall</p></div>"""))
    assert [b.text for b in doc.blocks] == [P1, P2, P3]
    assert any("Advertisement" in f.text for f in doc.furniture)


def test_comments_inside_the_post_article_are_not_body() -> None:
    comments = "".join(f"<article class='response'><cite>Reader {n}</cite><p>{COMMENT}</p>"
                       "</article>" for n in range(6))
    doc = parse(page(f"""<article class="hentry"><h1>Sea wall</h1><div class="entry">
        <p>{P1}</p><p>{P2}</p><p>{P3}</p></div><div class="responses"><h3>6 Responses</h3>
        {comments}</div></article>"""))
    assert [b.text for b in doc.blocks] == [P1, P2, P3]


def test_live_blog_posts_are_kept_with_headings_but_not_time_stamps() -> None:
    posts = "".join(
        f"<article class='post'><header><time>{14 - n}:05 GMT</time></header><h2>Update {n}</h2>"
        f"<p>{text}</p></article>" for n, text in enumerate((P1, P2, P3)))
    doc = parse(page(f"<main><h1>Storm live</h1><div class='live'>{posts}</div></main>"))
    assert [b.text for b in doc.blocks] == ["Update 0", P1, "Update 1", P2, "Update 2", P3]
    assert doc.blocks[0].type is BlockType.HEADING


def test_calls_to_action_with_hashed_classes_are_furniture() -> None:
    newsletter = ("<div class='css-9'><h3>The briefing</h3><p>Get the day's stories in your inbox "
                  "every morning. Sign up now, it is free.</p><form><input type='email'>"
                  "<button>Sign up</button></form></div>")
    paywall = ("<div class='x9'><p>You have reached your limit of free articles. Subscribe today "
               "to continue reading.</p><a class='btn' href='/s'>Subscribe</a></div>")
    cookie = ("<div class='q1'><p>We use cookies to improve your experience. By clicking accept "
              "you agree to this use.</p><button>Accept</button></div>")
    doc = parse(page(f"""{cookie}<div class="story"><p>{P1}</p>{newsletter}<p>{P2}</p>
        {paywall}<p>{P3}</p></div>"""))
    assert [b.text for b in doc.blocks] == [P1, P2, P3]


def test_a_short_story_with_a_share_button_is_not_a_call_to_action() -> None:
    doc = parse(page(f"<div class='brief'><p>{P1}</p><button>Share</button></div>"))
    assert [b.text for b in doc.blocks] == [P1]


def test_trailing_heading_without_text_after_it_is_dropped() -> None:
    doc = parse(page(f"<div><p>{P1}</p><p>{P2}</p><h3>Share this story</h3></div>"))
    assert [b.text for b in doc.blocks] == [P1, P2]


def _jsonld(body: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Sea wall",
            "articleBody": body}
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def test_script_rendered_page_takes_the_jsonld_article_body() -> None:
    doc = parse(page("<div id='root'><p>Loading…</p></div>", _jsonld(f"{P1}\n\n{P2}\n{P3}")))
    assert [b.text for b in doc.blocks] == [P1, P2, P3]
    assert any(w.code == "jsonld-body" for w in doc.warnings)


def test_jsonld_body_in_japanese_counts_characters_as_words() -> None:
    text = "新型車両の運行が今日から始まりました。" * 6
    doc = parse(page("<div id='root'></div>", _jsonld(text)))
    assert [b.text for b in doc.blocks] == [text]


def test_markup_with_the_article_wins_over_jsonld() -> None:
    doc = parse(page(f"<article><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>",
                     _jsonld(f"{P1} {P2} {P3}")))
    assert [b.text for b in doc.blocks] == [P1, P2, P3]
    assert not any(w.code == "jsonld-body" for w in doc.warnings)


def test_teaser_cards_next_to_the_story_do_not_pull_the_root_up() -> None:
    cards = "".join(
        f"<div class='c{n}'><h3><a href='/s/{n}'>Another story number {n} about the town</a></h3>"
        f"<p>The council will decide on the plan for story {n} at its meeting next week.</p>"
        f"<span>{n + 2} hours ago</span></div>" for n in range(3))
    doc = parse(page(f"""<div class="x1"><h1>Sea wall</h1><section class="x2"><div><p>{P1}</p>
        </div><div><p>{P2}</p></div><div><p>{P3}</p></div></section>
        <div class="x3"><h2>More in Metro</h2>{cards}</div></div>"""))
    assert [b.text for b in doc.blocks] == [P1, P2, P3]


def test_text_in_a_paywall_class_is_the_article() -> None:
    doc = parse(page(f"""<div class="story"><p>{P1}</p><div class="paywall"><p>{P2}</p>
        <p>{P3}</p></div></div><div class="rail"><ul><li><a href="/a">Other news</a></li>
        </ul></div>"""))
    assert [b.text for b in doc.blocks] == [P1, P2, P3]


def test_amp_ads_and_author_cards_are_not_text() -> None:
    doc = parse(page(f"""<article><p>{P1}</p><amp-ad type="doubleclick"><div placeholder>
        Loading ad…</div><div fallback>Advertisement</div></amp-ad><p>{P2}</p><p>{P3}</p>
        <div class="author-card"><h4>Jane Doe</h4><p>Jane Doe is a staff reporter who has
        covered transport for the paper since 2015.</p></div></article>"""))
    assert [b.text for b in doc.blocks] == [P1, P2, P3]


def test_byline_and_date_under_the_headline_without_any_meta() -> None:
    doc = parse(f"""<html lang="de"><head><title>Radwege</title></head><body>
        <h1>Stadtrat beschließt Radwege</h1><p><i>Von Anna Schmidt, 7. September 2023</i></p>
        <p>{P1}</p><p>{P2}</p></body></html>""".encode())
    assert doc.metadata.authors == ("Anna Schmidt",)
    assert doc.metadata.published.isoformat() == "2023-09-07"


def test_author_element_without_by_and_posted_by() -> None:
    for markup in ("<span class='Blog-meta-item--author'>Sam Holloway</span>",
                   "<span class='post-author vcard'>Posted by <span class='fn'>Sam Holloway"
                   "</span></span>"):
        doc = parse(page(f"<div class='post'><p>{P1}</p><p>{P2}</p>{markup}</div>"))
        assert doc.metadata.authors == ("Sam Holloway",), markup


def test_title_with_a_blog_name_prefix_becomes_the_headline() -> None:
    doc = parse(b"<html><head><title>Village Reader: How the library network spread</title>"
                b"</head><body><h3>How the library network spread</h3><p>" + P1.encode()
                + b"</p></body></html>")
    assert doc.metadata.title == "How the library network spread"


def test_video_player_title_and_description_between_paragraphs_are_furniture() -> None:
    doc = parse(page(f"""<div class="article-wrap"><p>{P1}</p><p>{P2}</p>
        <div class="video-player"><div>Hospital waiting times fall again</div><div>Managers
        credit new evening clinics and a second scanner for the improvement.</div>
        <span>01:42</span></div><p>{P3}</p></div>"""))
    assert [b.text for b in doc.blocks] == [P1, P2, P3]
