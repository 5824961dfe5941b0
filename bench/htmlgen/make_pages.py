"""Write generated news pages in the shapes real CMSs produce, with their gold.

A held-out check for the HTML parser: the scrapinghub pages tuned it, these test whether its
rules generalise. Each page wraps one article of :mod:`articles` in the markup of a page type —
WordPress with comments in ``<article>`` elements, Drupal fields, AMP, Medium-like sections,
bodies split by "Related:" boxes, ads and newsletter boxes, live blogs, ``<br><br>`` text,
teaser lists in ``<article>`` while the story is not, JSON-LD-only bodies, non-English pages,
tables and lists — and states metadata in a different way (JSON-LD, OpenGraph, a visible byline
only...). Gold is written twice: ``ground-truth.json`` in the scrapinghub format
(``{id: {"articleBody", "url"}}``) and ``gold/ID.gold.json`` in the project's docs format (title,
authors, published, blocks, family = page shape) so that ``score.py docs`` rates metadata too.

Run: ``python bench/htmlgen/make_pages.py [OUT_DIR]`` (default ``bench/out/htmlgen``).
"""

from __future__ import annotations

import html
import json
import random
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from htmlgen.articles import (
    ARTICLES,
    BIO,
    COMMENTS,
    COOKIE,
    NEWSLETTER,
    PAYWALL,
    TEASERS,
    Article,
)

OUT = Path(__file__).resolve().parents[1] / "out" / "htmlgen"
Block = tuple[str, str]  # (type, text); type is paragraph|heading|quote|list_item|ordered|row


def blocks_of(article: Article) -> list[Block]:
    """The article's markup as blocks."""
    out: list[Block] = []
    for chunk in article.body.strip().split("\n\n"):
        lines = [line.strip() for line in chunk.strip().split("\n")]
        if lines[0].startswith("## "):
            out.append(("heading", lines[0][3:]))
        elif lines[0].startswith("> "):
            out.append(("quote", " ".join(lines)[2:]))
        elif lines[0].startswith("| "):
            out.extend(("row", line) for line in lines)
        elif lines[0].startswith("- ") or lines[0][:3] in ("1. ", "2. "):
            for line in lines:
                out.append(("list_item", line[2:]) if line.startswith("- ")
                           else ("ordered", line.split(" ", 1)[1]))
        else:
            sep = "" if article.lang in ("zh", "ja") else " "
            out.append(("paragraph", sep.join(lines)))
    return out


def cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip("|").split("|")]


def gold_blocks(blocks: list[Block]) -> list[dict[str, str]]:
    gold = []
    for kind, text in blocks:
        # A browser's innerText has no list numbers; the docs scorer ignores them anyway.
        if kind == "ordered":
            gold.append({"type": "list_item", "text": text})
        elif kind == "row":
            gold.append({"type": "paragraph", "text": " ".join(cells(text))})
        else:
            gold.append({"type": kind, "text": text})
    return gold


def e(text: str) -> str:
    return html.escape(text, quote=False)


def body_html(blocks: list[Block], para: str = "p", heading: str = "h2",
              attrs: str = "") -> str:
    """Blocks as markup; ``para`` is the paragraph element (``p``, ``section``, ``div``)."""
    out: list[str] = []
    index = 0
    while index < len(blocks):
        kind, text = blocks[index]
        if kind in ("list_item", "ordered", "row"):
            run = []
            while index < len(blocks) and blocks[index][0] == kind:
                run.append(blocks[index][1])
                index += 1
            if kind == "row":
                head, *rest = run
                out.append("<table><thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in cells(head))
                           + "</tr></thead><tbody>" + "".join(
                               "<tr>" + "".join(f"<td>{e(c)}</td>" for c in cells(r)) + "</tr>"
                               for r in rest) + "</tbody></table>")
            else:
                tag = "ol" if kind == "ordered" else "ul"
                out.append(f"<{tag}>" + "".join(f"<li>{e(t)}</li>" for t in run) + f"</{tag}>")
            continue
        if kind == "heading":
            out.append(f"<{heading}>{e(text)}</{heading}>")
        elif kind == "quote":
            out.append(f"<blockquote><p>{e(text)}</p></blockquote>")
        else:
            out.append(f"<{para}{attrs}>{e(text)}</{para}>")
        index += 1
    return "\n".join(out)


def long_date(iso: str, lang: str) -> str:
    d = date.fromisoformat(iso)
    if lang == "de":
        months = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                  "September", "Oktober", "November", "Dezember")
        return f"{d.day}. {months[d.month - 1]} {d.year}"
    if lang == "es":
        months = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                  "septiembre", "octubre", "noviembre", "diciembre")
        return f"{d.day} de {months[d.month - 1]} de {d.year}"
    if lang in ("zh", "ja"):
        return f"{d.year}年{d.month}月{d.day}日"
    return d.strftime("%B ") + f"{d.day}, {d.year}"


def by(article: Article) -> str:
    word = {"de": "Von", "es": "Por", "zh": "记者", "ja": "記者"}.get(article.lang, "By")
    joiner = {"de": " und ", "es": " y ", "zh": "、", "ja": "、"}.get(article.lang, " and ")
    return f"{word} {joiner.join(article.authors)}"


# --- furniture -------------------------------------------------------------------------------

def nav(rng: random.Random, cls: str = "main-nav") -> str:
    items = rng.sample(["News", "World", "Business", "Sport", "Culture", "Opinion", "Weather",
                        "Travel", "Science", "Video", "Podcasts"], 7)
    return (f'<nav class="{cls}"><ul>' + "".join(f'<li><a href="/{i.lower()}">{i}</a></li>'
                                                 for i in items) + "</ul></nav>")


def teaser_list(rng: random.Random, n: int = 4, summaries: bool = False, cls: str = "") -> str:
    items = rng.sample(TEASERS, n)
    return f'<ul class="{cls}">' + "".join(
        f'<li><a href="/story/{k}">{e(t)}</a>' + (f"<p>{e(s)}</p>" if summaries else "")
        + "</li>" for k, (t, s) in enumerate(items)) + "</ul>"


def teaser_cards(rng: random.Random, n: int, tag: str = "article", cls: str = "card") -> str:
    return "\n".join(
        f'<{tag} class="{cls}"><h3><a href="/story/{k}">{e(t)}</a></h3><p>{e(s)}</p>'
        f'<span class="meta">{k + 2} hours ago</span></{tag}>'
        for k, (t, s) in enumerate(rng.sample(TEASERS, n)))


def footer(site: str) -> str:
    return (f'<footer class="site-footer"><p>© 2024 {site}. All rights reserved.</p>'
            '<ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy</a></li>'
            '<li><a href="/contact">Contact</a></li></ul></footer>')


def jsonld(article: Article, site: str, body: bool = False, kind: str = "NewsArticle") -> str:
    data: dict[str, object] = {
        "@context": "https://schema.org", "@type": kind, "headline": article.title,
        "datePublished": f"{article.published}T07:30:00+01:00",
        "author": [{"@type": "Person", "name": a} for a in article.authors],
        "publisher": {"@type": "Organization", "name": site}, "inLanguage": article.lang,
    }
    if body:
        sep = "" if article.lang in ("zh", "ja") else " "
        data["articleBody"] = "\n\n".join(
            text if kind != "row" else sep.join(cells(text))
            for kind, text in blocks_of(article))
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def og(article: Article, site: str, with_date: bool = True) -> str:
    tags = [f'<meta property="og:title" content="{html.escape(article.title)}">',
            f'<meta property="og:site_name" content="{site}">',
            '<meta property="og:type" content="article">']
    if with_date:
        tags.append(f'<meta property="article:published_time" '
                    f'content="{article.published}T09:00:00Z">')
    tags.append(f'<meta name="author" content="{", ".join(article.authors)}">')
    return "\n".join(tags)


def page(article: Article, head: str, body: str, title: str | None = None,
         body_attrs: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{article.lang}"><head><meta charset="utf-8">\n'
            f"<title>{e(title or article.title)}</title>\n{head}\n</head>\n"
            f"<body{body_attrs}>\n{body}\n</body></html>\n")


Shape = Callable[[Article, random.Random], tuple[str, list[Block]]]
SHAPES: dict[str, Shape] = {}


def shape(fn: Shape) -> Shape:
    SHAPES[fn.__name__] = fn
    return fn


# --- page shapes -----------------------------------------------------------------------------

def comments_html(rng: random.Random, n: int, outer: str, item: str) -> str:
    picked = rng.sample(COMMENTS, n)
    return (f"<{outer}>" + "".join(
        f'<li id="comment-{k}"><article id="div-comment-{k}" class="{item}">'
        f'<footer class="comment-meta"><b class="fn">{e(who)}</b> '
        f'<a href="#comment-{k}"><time>March {k + 3}, 2024 at 9:{10 + k} am</time></a></footer>'
        f'<div class="comment-content"><p>{e(text)}</p></div>'
        f'<div class="reply"><a href="#reply">Reply</a></div></article></li>'
        for k, (who, text) in enumerate(picked)) + f"</{outer.split()[0]}>")


@shape
def wordpress(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """Classic WordPress theme: entry-content, widget sidebar, comments in <article>s."""
    blocks = blocks_of(a)
    site = "The Harbour Gazette"
    body = f"""
<div id="page" class="site"><header id="masthead" class="site-header">
<p class="site-title"><a href="/">{site}</a></p>{nav(rng, "main-navigation")}</header>
<div id="content" class="site-content"><div id="primary" class="content-area">
<main id="main" class="site-main">
<article id="post-812" class="post-812 post type-post status-publish format-standard hentry">
<header class="entry-header"><h1 class="entry-title">{e(a.title)}</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published"
datetime="{a.published}T08:00:00+00:00">{long_date(a.published, a.lang)}</time></span>
<span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/x">
{e(a.authors[0])}</a></span></span></div></header>
<div class="entry-content">{body_html(blocks)}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul>
<li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3>Related</h3>{teaser_list(rng, 3)}</div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/c">Local</a></span>
</footer></article>
<nav class="navigation post-navigation"><a href="/prev">Previous post: {e(TEASERS[0][0])}</a>
</nav>
<div id="comments" class="comments-area"><h2 class="comments-title">
{len(COMMENTS) - 2} thoughts on “{e(a.title)}”</h2>
{comments_html(rng, 4, 'ol class="comment-list"', "comment-body")}
<div id="respond" class="comment-respond"><h3>Leave a Reply</h3><form><p>Your email address
will not be published.</p><textarea></textarea></form></div></div>
</main></div>
<div id="secondary" class="widget-area"><section class="widget widget_recent_entries">
<h2 class="widget-title">Recent Posts</h2>{teaser_list(rng, 5)}</section>
<section class="widget widget_text"><div class="textwidget"><p>{e(NEWSLETTER)}</p></div>
</section></div></div>{footer(site)}</div>"""
    return page(a, og(a, site), body, f"{a.title} – {site}"), blocks


@shape
def wordpress_threads(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """A short post, long comment threads in <article>s whose classes say nothing."""
    blocks = blocks_of(a)
    site = "Northern Notes"
    comments = "".join(
        f'<article class="c-item"><h4>{e(who)}</h4><p>{e(text)}</p><p>{e(text2)}</p></article>'
        for (who, text), (_, text2) in zip(COMMENTS, COMMENTS[1:] + COMMENTS[:1], strict=True))
    body = f"""
<header>{nav(rng)}</header>
<div class="wrap"><div class="col-main">
<article class="post"><h1>{e(a.title)}</h1>
<div class="post-meta">{e(by(a))} · {long_date(a.published, a.lang)}</div>
<div class="post-text">{body_html(blocks)}</div></article>
<div class="thread"><h3>Responses</h3>{comments}</div>
</div></div>{footer(site)}"""
    return page(a, jsonld(a, site), body, f"{a.title} | {site}"), blocks


@shape
def blogger(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """Blogger: post-body entry-content, blog archive widget, date header above the post."""
    blocks = blocks_of(a)
    body = f"""
<div class="content-outer"><div class="main-inner"><div class="column-center-inner">
<h2 class="date-header"><span>{long_date(a.published, a.lang)}</span></h2>
<div class="post hentry"><h3 class="post-title entry-title">{e(a.title)}</h3>
<div class="post-header"></div>
<div class="post-body entry-content" id="post-body-123">{body_html(blocks, para="div")}
<div style="clear: both;"></div></div>
<div class="post-footer"><span class="post-author vcard">Posted by <span class="fn">
{e(a.authors[0])}</span></span> <span class="post-labels">Labels: <a href="/l">community</a>,
<a href="/l2">schools</a></span></div></div>
<div class="comments" id="comments"><h4>2 comments:</h4>{comments_html(rng, 2, "ol", "cm")}</div>
</div></div>
<div class="column-right-inner"><div class="widget BlogArchive"><h2>Blog Archive</h2>
<ul><li><a href="/2023">2023 (14)</a></li><li><a href="/2022">2022 (31)</a></li></ul></div>
<div class="widget Profile"><h2>About Me</h2><p>A retired teacher writing about books,
schools and the people who keep them going.</p></div></div></div></div>"""
    return page(a, "", body, f"Village Reader: {a.title}"), blocks


@shape
def drupal(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """Drupal 9: node__content, field--name-body, tags field, views blocks."""
    blocks = blocks_of(a)
    site = {"de": "Stadtanzeiger", "es": "Diario del Norte"}.get(a.lang, "County Courier")
    body = f"""
<div class="dialog-off-canvas-main-canvas"><div class="layout-container">
<header role="banner"><div class="region region-header"><a href="/">{site}</a></div>
{nav(rng, "menu--main")}</header>
<main role="main"><div class="region region-content">
<div id="block-pagetitle" class="block block-core"><h1 class="page-title"><span
class="field field--name-title">{e(a.title)}</span></h1></div>
<article role="article" class="node node--type-article node--view-mode-full">
<div class="node__meta"><span class="field--name-uid">{e(a.authors[0])}</span>
<span class="field--name-created">{long_date(a.published, a.lang)}</span></div>
<div class="node__content">
<div class="clearfix text-formatted field field--name-body field--type-text-with-summary
field--label-hidden field__item">{body_html(blocks)}</div>
<div class="field field--name-field-tags field--type-entity-reference field--label-above">
<div class="field__label">Tags</div><div class="field__items"><div class="field__item">
<a href="/t/1">Justice</a></div><div class="field__item"><a href="/t/2">Farming</a></div>
</div></div></div></article>
<div class="views-element-container block block-views"><h2>More news</h2>
<div class="view-content">{teaser_cards(rng, 4, "div", "views-row")}</div></div>
</div></main>{footer(site)}</div></div>"""
    return page(a, og(a, site), body, f"{a.title} | {site}"), blocks


@shape
def amp(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """AMP: custom amp-* elements (ads, sidebar, carousel, share) around the article."""
    blocks = blocks_of(a)
    site = "Metro Today"
    mid = len(blocks) // 2
    ad = ('<amp-ad width="300" height="250" type="doubleclick" data-slot="/1/x">'
          '<div placeholder>Loading ad…</div><div fallback>Advertisement</div></amp-ad>')
    body = f"""
<amp-sidebar id="sidebar" layout="nodisplay" side="left">{nav(rng)}</amp-sidebar>
<header class="amp-header"><button on="tap:sidebar.toggle">Menu</button>
<a href="/">{site}</a></header>
<article class="amp-article"><header><h1>{e(a.title)}</h1>
<div class="amp-byline">{e(by(a))}</div><time datetime="{a.published}">
{long_date(a.published, a.lang)}</time></header>
<amp-img src="/a.jpg" width="800" height="450" layout="responsive" alt="photo"></amp-img>
<amp-social-share type="twitter"></amp-social-share><amp-social-share type="facebook">
</amp-social-share>
{body_html(blocks[:mid])}
{ad}
{body_html(blocks[mid:])}
</article>
<amp-carousel type="carousel" height="200" layout="fixed-height">
{teaser_cards(rng, 4, "div", "slide")}</amp-carousel>
{footer(site)}
<amp-analytics type="gtag"><script type="application/json">{{"vars": {{}}}}</script>
</amp-analytics>"""
    head = (jsonld(a, site) + '<link rel="canonical" href="https://example.com/story">'
            '<style amp-custom>body{font-family:serif}</style>')
    return page(a, head, body, f"{a.title} - {site}", ' amp=""'), blocks


@shape
def medium(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """Medium-like: a <section> per paragraph, text straight in <div>s, hashed classes."""
    blocks = blocks_of(a)
    parts = []
    for index, (kind, text) in enumerate(blocks):
        if kind == "heading":
            parts.append(f'<h2 class="pw-post-body-paragraph ko">{e(text)}</h2>')
        elif index % 2:
            parts.append(f'<section class="hx"><div class="ab ca"><div class="ch bg cj">'
                         f"{e(text)}</div></div></section>")
        else:
            parts.append(f'<section class="hx"><p class="pw-post-body-paragraph kp">{e(text)}'
                         "</p></section>")
    more = "".join(f'<div class="xr"><a href="/p/{k}"><h2 class="qq">{e(t)}</h2>'
                   f'<div class="qr">{e(s)}</div></a><span>{k + 3} min read</span></div>'
                   for k, (t, s) in enumerate(TEASERS[:4]))
    body = f"""
<div id="root"><div class="a b c"><div class="l m"><a href="/">Home</a> <a href="/signin">Sign
in</a></div>
<article><div class="l"><div class="s"><h1 class="pw-post-title">{e(a.title)}</h1>
<div class="speechify-ignore"><a href="/@author" rel="noopener">{e(a.authors[0])}</a>
<span>·</span><span>{rng.randint(4, 9)} min read</span><span>·</span>
<span>{long_date(a.published, a.lang)}</span></div>
<div class="pw-multi-vote-count"><button>214</button></div>
{"".join(parts)}
</div></div></article>
<div class="ny"><h2>More from {e(a.authors[0])}</h2>{more}</div>
<div class="nz"><p>Help</p><p>Status</p><p>About</p><p>Careers</p><p>Blog</p></div>
</div></div>"""
    return page(a, og(a, "Medium", with_date=False) + jsonld(a, "Medium"), body,
                f"{a.title} | by {a.authors[0]} | Medium"), blocks


@shape
def related_inline(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """Body split by inline "Related:" and "READ MORE:" boxes between paragraphs."""
    blocks = blocks_of(a)
    site = "The Evening Post"
    parts = []
    teasers = iter(rng.sample(TEASERS, len(TEASERS)))
    for index, block in enumerate(blocks):
        parts.append(body_html([block]))
        if index in (1, 3):
            title, _ = next(teasers)
            parts.append(f'<div class="inline-link"><strong>Related:</strong> '
                         f'<a href="/r/{index}">{e(title)}</a></div>')
        if index == 2:
            title, _ = next(teasers)
            parts.append(f"<p><strong>READ MORE:</strong> <a href='/m'>{e(title)}</a></p>")
    body = f"""
<header>{nav(rng)}</header>
<div class="page"><div class="story"><h1>{e(a.title)}</h1>
<p class="story-byline">{e(by(a))}, {long_date(a.published, a.lang)}</p>
{"".join(parts)}
</div><div class="rail"><h3>Most read</h3>{teaser_list(rng, 5)}</div></div>{footer(site)}"""
    return page(a, og(a, site), body, f"{a.title} | {site}"), blocks


@shape
def ads_newsletter(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """Hashed CSS-in-JS classes; ad labels and a newsletter sign-up inside the body."""
    blocks = blocks_of(a)
    site = "Daily Ledger"
    parts = []
    for index, block in enumerate(blocks):
        inner = body_html([block], attrs=' class="css-1ip1"')
        parts.append(f'<div class="css-s99gbd">{inner}</div>')
        if index == 1:
            parts.append('<div class="css-x1q9"><p class="css-lbl">Advertisement</p>'
                         '<div id="gpt-ad-2"></div></div>')
        if index == 2:
            parts.append(f'<div class="css-nl7"><h3 class="css-h">The morning briefing</h3>'
                         f'<p class="css-t">{e(NEWSLETTER)}</p><form action="/subscribe">'
                         '<input type="email" placeholder="Email address"><button>Sign up'
                         "</button></form></div>")
        if index == 4:
            parts.append('<div class="css-x1q9"><p class="css-lbl">Advertisement</p></div>'
                         '<p class="css-cont">Continue reading the main story</p>')
    body = f"""
<div id="app"><header class="css-hdr">{nav(rng)}</header>
<main id="site-content"><div class="css-1vx"><h1 class="css-title">{e(a.title)}</h1>
<p class="css-by">{e(by(a))}</p><time class="css-time">{long_date(a.published, a.lang)}</time>
<section name="articleBody" class="css-body">{"".join(parts)}</section>
<div class="css-more"><h2>More in Metro</h2>{teaser_cards(rng, 3, "div", "css-card")}</div>
</div></main>{footer(site)}</div>"""
    return page(a, og(a, site), body, f"{a.title} - The {site}"), blocks


@shape
def liveblog(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """A live blog: a "key events" link list, then one <article> per post with a time stamp."""
    blocks = blocks_of(a)
    site = "Valley News"
    posts = []
    pairs = [(blocks[i][1], blocks[i + 1][1]) for i in range(0, len(blocks) - 1, 2)]
    for k, (head, text) in enumerate(pairs):
        posts.append(f'<article class="block" id="block-{k}"><header class="block-time">'
                     f'<time datetime="{a.published}T{14 - k:02d}:05Z">{14 - k}:05 GMT</time>'
                     f"</header><div class=\"block-elements\"><h2>{e(head)}</h2>"
                     f"<p>{e(text)}</p></div><footer><a href='#block-{k}'>Share</a></footer>"
                     "</article>")
    keys = "".join(f'<li><a href="#block-{k}">{e(h)}</a></li>' for k, (h, _) in enumerate(pairs))
    body = f"""
<header>{nav(rng)}</header>
<main><div class="live-header"><span class="badge">LIVE</span><h1>{e(a.title)}</h1>
<p class="by">{e(by(a))}</p></div>
<div class="key-events"><h3>Key events</h3><ul>{keys}</ul></div>
<div class="liveblog-body">{"".join(posts)}</div>
<div class="pager"><a href="?page=2">Older posts</a></div></main>{footer(site)}"""
    gold = [b for pair in pairs for b in (("heading", pair[0]), ("paragraph", pair[1]))]
    return page(a, jsonld(a, site, kind="LiveBlogPosting"), body, f"{a.title} – live"), gold


@shape
def br_div(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """An old CMS: paragraphs are text in one <div> separated by <br><br>."""
    blocks = [b for b in blocks_of(a) if b[0] in ("paragraph", "heading")]
    text = "<br>\n<br>\n".join(f"<b>{e(t)}</b>" if k == "heading" else e(t) for k, t in blocks)
    body = f"""
<div id="top"><a href="/">Home</a> | <a href="/news">News</a> | <a href="/contact">Contact</a>
</div><div id="wrapper"><div id="left">{teaser_list(rng, 6)}</div>
<div id="story"><div class="headline">{e(a.title)}</div>
<div class="info">{long_date(a.published, a.lang)} - {e(by(a))}</div>
<div class="text">{text}<br><br></div></div></div>
<div id="bottom">Copyright 2024. All rights reserved.</div>"""
    return page(a, f'<meta name="author" content="{a.authors[0]}">', body), blocks


@shape
def layout_table(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """A 2000s page: layout tables, navigation in a <td>, <font>, text with <br><br>."""
    blocks = [b for b in blocks_of(a) if b[0] == "paragraph"]
    text = "<br><br>".join(e(t) for _, t in blocks)
    links = "<br>".join(f'<a href="/s/{k}">{e(t)}</a>' for k, (t, _) in enumerate(TEASERS[:6]))
    body = f"""
<table width="100%" border="0"><tr><td colspan="2" class="top"><font size="5">The Town Crier
</font></td></tr><tr><td width="180" valign="top" class="side">{links}</td>
<td valign="top"><font face="Arial"><b><font size="4">{e(a.title)}</font></b><br>
<i>{e(by(a))}, {long_date(a.published, a.lang)}</i><br><br>{text}</font></td></tr>
<tr><td colspan="2"><font size="1">Copyright 2004-2024 The Town Crier</font></td></tr>
</table>"""
    return page(a, "", body), blocks


@shape
def teaser_articles(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """The story sits in plain <div>s while a teaser grid uses <article> elements."""
    blocks = blocks_of(a)
    site = "Capital Herald"
    body = f"""
<header>{nav(rng)}</header>
<div class="container"><div class="row"><div class="col-8">
<div class="story-head"><h1>{e(a.title)}</h1><div class="meta">{e(by(a))} |
{long_date(a.published, a.lang)}</div></div>
<div class="story-text">{body_html(blocks)}</div></div>
<div class="col-4"><h3>Latest</h3>{teaser_cards(rng, 3)}</div></div>
<section class="grid"><h2>You may also like</h2>{teaser_cards(rng, 6)}</section></div>
{footer(site)}"""
    return page(a, og(a, site), body, f"{site} - {a.title}"), blocks


@shape
def jsonld_only(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """A script-rendered page: the visible markup is an empty shell, JSON-LD has the body."""
    site = "Newsroom"
    blocks = [(("paragraph", " ".join(cells(t))) if k == "row" else (k, t))
              for k, t in blocks_of(a)]
    body = f"""
<div id="__next"><header><a href="/">{site}</a>{nav(rng)}</header>
<div class="loading">Loading…</div><noscript>Please enable JavaScript to read this
article.</noscript></div>{footer(site)}"""
    head = jsonld(a, site, body=True) + og(a, site)
    return page(a, head, body, f"{a.title} | {site}"), blocks


@shape
def ghost(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """Ghost: gh-content section, subscribe CTA at the end, members-only footer."""
    blocks = blocks_of(a)
    site = "Field Notes"
    body = f"""
<div class="viewport"><header class="gh-head">{nav(rng, "gh-head-menu")}</header>
<main class="gh-main"><article class="gh-article post">
<header class="gh-article-header"><a class="gh-article-tag" href="/tag/x">Science</a>
<h1 class="gh-article-title">{e(a.title)}</h1>
<p class="gh-article-excerpt">A look at what changed, and what it means.</p>
<div class="gh-article-meta"><a href="/author/x">{e(a.authors[0])}</a>
<time datetime="{a.published}">{long_date(a.published, a.lang)}</time></div></header>
<section class="gh-content gh-canvas">{body_html(blocks)}</section>
<section class="gh-cta"><h2>Subscribe to {site}</h2><p>Don't miss out on the latest issues.
Sign up now to get access to the library of members-only issues.</p>
<form data-members-form><input type="email"><button>Subscribe</button></form></section>
</article></main>
<section class="gh-readmore"><h3>Read more</h3>{teaser_cards(rng, 3)}</section>
{footer(site)}</div>"""
    return page(a, jsonld(a, site, kind="Article"), body, f"{a.title}"), blocks


@shape
def substack(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """Substack: available-content / body markup, subscribe widgets, like/share bar."""
    blocks = blocks_of(a)
    site = "The Weekly Letter"
    mid = 2
    widget = ('<div class="subscription-widget-wrap"><div class="subscription-widget"><p>'
              f"Thanks for reading {site}! Subscribe for free to receive new posts and support "
              'my work.</p><form><input type="email"><button>Subscribe</button></form></div></div>')
    body = f"""
<div id="entry"><div class="container"><div class="post-header"><h1 class="post-title">
{e(a.title)}</h1><h3 class="subtitle">Notes from the field</h3>
<div class="byline-wrapper"><a href="/p">{e(a.authors[0])}</a>
<div class="post-date">{long_date(a.published, a.lang)}</div></div>
<div class="post-ufi"><a>12</a><a>3</a><a>Share</a></div></div>
<div class="available-content"><div class="body markup" dir="auto">
{body_html(blocks[:mid])}{widget}{body_html(blocks[mid:])}</div></div>
{widget}<div class="post-footer"><div class="post-ufi"><a>12</a><a>Share</a></div></div>
<div class="comments-section"><h4>Discussion about this post</h4>
{comments_html(rng, 2, "div", "comment")}</div></div></div>"""
    return page(a, og(a, site), body, f"{a.title} - by {a.authors[0]}"), blocks


@shape
def squarespace(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """Squarespace: the body in several sqs-block html-blocks with image blocks between."""
    blocks = blocks_of(a)
    site = "Mill Lane Journal"
    parts = []
    for k in range(0, len(blocks), 2):
        parts.append('<div class="sqs-block html-block sqs-block-html"><div class="sqs-block-'
                     f'content">{body_html(blocks[k:k + 2])}</div></div>')
        parts.append('<div class="sqs-block image-block sqs-block-image"><div class="sqs-block-'
                     'content"><img src="/i.jpg" alt=""></div></div>')
    body = f"""
<header class="Header">{nav(rng, "Header-nav")}</header>
<main class="Main"><article class="BlogItem hentry"><div class="BlogItem-title">
<h1>{e(a.title)}</h1></div><div class="Blog-meta"><span class="Blog-meta-item--author">
{e(a.authors[0])}</span> <time class="Blog-meta-item--date">
{long_date(a.published, a.lang)}</time></div>
<div class="sqs-layout sqs-grid-12 columns-12"><div class="row sqs-row"><div class="col
sqs-col-12 span-12">{"".join(parts)}</div></div></div>
<div class="BlogItem-share"><a>Facebook</a><a>Twitter</a><a>Pinterest</a></div>
<div class="BlogItem-pagination"><a href="/p">Previous {e(TEASERS[3][0])}</a>
<a href="/n">Next {e(TEASERS[4][0])}</a></div></article></main>{footer(site)}"""
    return page(a, "", body, f"{a.title} — {site}"), blocks


@shape
def paywall(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """itemprop=articleBody microdata; a paywall prompt with prose sits inside the body."""
    blocks = blocks_of(a)
    site = "The Chronicle"
    parts = body_html(blocks[:3]) + (
        f'<div class="x9-prompt"><h4>Keep reading</h4><p>{e(PAYWALL)}</p>'
        '<a href="/subscribe" class="btn">Subscribe</a> <a href="/login">Log in</a></div>'
    ) + body_html(blocks[3:])
    body = f"""
<header>{nav(rng)}</header>
<div itemscope itemtype="https://schema.org/NewsArticle" class="wrap">
<h1 itemprop="headline">{e(a.title)}</h1>
<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">
{e(a.authors[0])}</span></span>
<meta itemprop="datePublished" content="{a.published}">
<div itemprop="articleBody">{parts}</div></div>
<div class="below"><h3>Most popular</h3>{teaser_list(rng, 5, summaries=True)}</div>
{footer(site)}"""
    return page(a, "", body, f"{a.title} | {site}"), blocks


@shape
def cookie_banner(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """A consent banner with a paragraph of prose and no telling class, before the story."""
    blocks = blocks_of(a)
    site = "Riverside Times"
    body = f"""
<div class="xq-1"><div class="xq-2"><h2>Your privacy</h2><p>{e(COOKIE)}</p>
<button>Accept all</button><button>Manage choices</button></div></div>
<header>{nav(rng)}</header>
<div class="main"><h1>{e(a.title)}</h1><p class="author">{e(by(a))}</p>
<p class="date">{long_date(a.published, a.lang)}</p>
<div class="body">{body_html(blocks)}</div></div>{footer(site)}"""
    return page(a, og(a, site), body, f"{a.title} | {site}"), blocks


@shape
def author_bio(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """An author card with a prose bio, and a "recommended" list with summaries after it."""
    blocks = blocks_of(a)
    site = "Coastal Daily"
    bio = BIO.format(author=a.authors[0])
    body = f"""
<header>{nav(rng)}</header>
<article class="article"><h1>{e(a.title)}</h1>
<div class="article__meta">{e(by(a))} <time datetime="{a.published}T10:00">
{long_date(a.published, a.lang)}</time></div>
<div class="article__body">{body_html(blocks)}</div>
<div class="author-card"><img src="/p.jpg" alt=""><h4>{e(a.authors[0])}</h4><p>{e(bio)}</p>
<a href="/staff/x">More from this author</a></div></article>
<section class="recommended"><h2>Recommended for you</h2>
{teaser_list(rng, 4, summaries=True)}</section>{footer(site)}"""
    return page(a, jsonld(a, site), body, f"{a.title} | {site}"), blocks


@shape
def print_page(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """A print view: bare markup, headline and byline, then paragraphs, then a source line."""
    blocks = blocks_of(a)
    body = f"""
<h1>{e(a.title)}</h1><p><i>{e(by(a))}, {long_date(a.published, a.lang)}</i></p>
{body_html(blocks)}
<hr><p><small>Printed from https://example.com/news/{a.key}</small></p>"""
    return page(a, "", body), blocks


@shape
def split_sections(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """The body in several text boxes with an ad, a video box and a quote card between."""
    blocks = blocks_of(a)
    site = {"es": "El Observador", "de": "Morgenpost"}.get(a.lang, "The Observer")
    ad_label = {"es": "Publicidad", "de": "Anzeige"}.get(a.lang, "Advertisement")
    third = max(1, len(blocks) // 3)
    boxes = [blocks[:third], blocks[third:2 * third], blocks[2 * third:]]
    between = [f'<div class="ad-wrapper"><span>{ad_label}</span></div>',
               f'<div class="video-box"><div class="vb-title">{e(TEASERS[5][0])}</div>'
               '<span>02:14</span></div>']
    parts = []
    for k, box in enumerate(boxes):
        parts.append(f'<div class="text-block">{body_html(box)}</div>')
        if k < 2:
            parts.append(between[k])
    body = f"""
<header>{nav(rng)}</header>
<main><div class="headline-box"><h1>{e(a.title)}</h1><div class="firma">{e(by(a))}</div>
<div class="fecha">{long_date(a.published, a.lang)}</div></div>
<div class="content-wrap">{"".join(parts)}</div>
<div class="tags"><a href="/t">Ciudad</a> <a href="/t2">Cultura</a></div></main>
{footer(site)}"""
    return page(a, jsonld(a, site), body, f"{a.title} | {site}"), blocks


@shape
def figures(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """Figures with captions and credits, and a photo gallery strip after the story."""
    blocks = blocks_of(a)
    site = "Northern Star"
    caption = "Volunteers clear branches from the road near the old mill on Sunday morning."
    fig = (f'<figure class="image"><img src="/f.jpg" alt=""><figcaption>{caption} '
           '<span class="credit">Photo: J. Marr</span></figcaption></figure>')
    body = f"""
<header>{nav(rng)}</header>
<article><h1>{e(a.title)}</h1><p class="meta">{e(by(a))}</p>
{body_html(blocks[:2])}{fig}{body_html(blocks[2:])}
<div class="gallery"><h3>In pictures</h3><ul><li><img src="/1.jpg" alt="">1 of 12</li>
<li><img src="/2.jpg" alt="">2 of 12</li></ul></div></article>
<div class="more"><h3>More stories</h3>{teaser_list(rng, 4)}</div>{footer(site)}"""
    gold = [*blocks[:2], ("caption", caption), *blocks[2:]]
    return page(a, og(a, site) + jsonld(a, site), body, f"{a.title} | {site}"), gold


@shape
def nested_comments(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """A theme that puts the comment list inside the post's <article>, each comment an
    <article> too, and the comment texts together longer than the post."""
    blocks = blocks_of(a)
    site = "Hill Country Blog"
    many = "".join(f'<article class="response"><cite>{e(w)}</cite><p>{e(t)}</p></article>'
                   for w, t in COMMENTS)
    body = f"""
<header>{nav(rng)}</header>
<div id="main"><article class="hentry"><h1>{e(a.title)}</h1>
<span class="date">{long_date(a.published, a.lang)}</span>
<div class="entry">{body_html(blocks)}</div>
<div class="responses"><h3>6 Responses</h3>{many}</div></article></div>{footer(site)}"""
    return page(a, og(a, site), body, f"{a.title} | {site}"), blocks


@shape
def teaser_rail(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """A short story next to a long "latest news" rail of teasers with summaries."""
    blocks = blocks_of(a)
    site = "Sports Desk"
    body = f"""
<header>{nav(rng)}</header>
<div class="grid"><div class="primary"><h1>{e(a.title)}</h1>
<div class="byline">{e(by(a))}</div>{body_html(blocks)}</div>
<div class="secondary"><h2>Latest news</h2>{teaser_list(rng, 8, summaries=True)}</div></div>
{footer(site)}"""
    return page(a, og(a, site), body, f"{a.title} | {site}"), blocks


# Shapes added after the parser was fixed on the ones above: a held-out check of the fixes.

@shape
def next_article(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """Infinite scroll: the next story follows in full, in its own <article>."""
    blocks = blocks_of(a)
    other = next(x for x in ARTICLES if x.lang in (a.lang, "en") and x.key != a.key)
    site = "Morning Wire"
    body = f"""
<header>{nav(rng)}</header>
<main><article class="story" data-url="/{a.key}"><h1>{e(a.title)}</h1>
<div class="byline">{e(by(a))}</div>{body_html(blocks)}</article>
<div class="next-up">Next story</div>
<article class="story" data-url="/{other.key}"><h1>{e(other.title)}</h1>
<div class="byline">{e(by(other))}</div>{body_html(blocks_of(other)[:3])}</article></main>
{footer(site)}"""
    return page(a, og(a, site), body, f"{a.title} | {site}"), blocks


@shape
def aspnet_form(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """ASP.NET WebForms: the whole page inside one <form>, a search box in the header."""
    blocks = blocks_of(a)
    site = "County Record"
    body = f"""
<form method="post" action="./story.aspx" id="aspnetForm"><input type="hidden"
name="__VIEWSTATE" value="x"><div id="header"><div class="search"><input type="text"
name="q"><input type="submit" value="Search"></div>{nav(rng)}</div>
<div id="ctl00_content"><h1 id="ctl00_title">{e(a.title)}</h1>
<span id="ctl00_by">{e(by(a))}</span> <span id="ctl00_date">{long_date(a.published, a.lang)}
</span><div id="ctl00_body">{body_html(blocks)}</div></div>
<div id="ctl00_right"><h3>Top stories</h3>{teaser_list(rng, 5)}</div>{footer(site)}</form>"""
    return page(a, "", body, f"{site} - {a.title}"), blocks


@shape
def video_player(a: Article, rng: random.Random) -> tuple[str, list[Block]]:
    """A video player with its title and description between paragraphs."""
    blocks = blocks_of(a)
    site = "Channel 9 News"
    t, summary = TEASERS[6]
    player = (f'<div class="video-player" data-id="88"><div class="vp-title">{e(t)}</div>'
              f'<div class="vp-desc">{e(summary)}</div><span class="vp-dur">01:42</span></div>')
    body = f"""
<header>{nav(rng)}</header>
<div class="article-wrap"><h1>{e(a.title)}</h1><div class="meta">{e(by(a))} ·
{long_date(a.published, a.lang)}</div>{body_html(blocks[:2])}{player}{body_html(blocks[2:])}
</div><div class="more">{teaser_cards(rng, 4, "div", "tile")}</div>{footer(site)}"""
    return page(a, jsonld(a, site), body, f"{a.title} | {site}"), blocks


#: (shape, article) for each page: every shape at least once, languages spread across shapes.
PLAN = (
    ("wordpress", "seawall"), ("wordpress", "bakery"), ("wordpress", "bibliotecas"),
    ("wordpress", "gongyuan"), ("wordpress_threads", "chess"), ("wordpress_threads", "radwege"),
    ("blogger", "library"), ("drupal", "river"), ("drupal", "radwege"), ("drupal", "tetsudo"),
    ("amp", "nightrail"), ("amp", "bibliotecas"), ("medium", "orbit"), ("medium", "reef"),
    ("related_inline", "reef"), ("related_inline", "river"), ("ads_newsletter", "nightrail"),
    ("ads_newsletter", "library"), ("liveblog", "storm"), ("br_div", "bakery"),
    ("br_div", "radwege"), ("layout_table", "chess"), ("teaser_articles", "budget"),
    ("teaser_articles", "gongyuan"), ("jsonld_only", "river"), ("jsonld_only", "tetsudo"),
    ("ghost", "orbit"), ("substack", "library"), ("squarespace", "bakery"),
    ("paywall", "seawall"), ("paywall", "budget"), ("cookie_banner", "chess"),
    ("author_bio", "nightrail"), ("print_page", "radwege"), ("split_sections", "bibliotecas"),
    ("split_sections", "budget"), ("figures", "storm"), ("nested_comments", "chess"),
    ("teaser_rail", "chess"), ("ads_newsletter", "tetsudo"), ("teaser_articles", "orbit"),
    ("related_inline", "gongyuan"), ("next_article", "seawall"), ("next_article", "radwege"),
    ("aspnet_form", "river"), ("aspnet_form", "library"), ("video_player", "reef"),
    ("video_player", "bibliotecas"),
)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else OUT
    (out / "html").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    by_key = {a.key: a for a in ARTICLES}
    truth: dict[str, dict[str, str]] = {}
    for index, (name, key) in enumerate(PLAN):
        article = by_key[key]
        rng = random.Random(f"{name}-{key}")
        markup, gold = SHAPES[name](article, rng)
        page_id = f"{index:02d}-{name}-{key}"
        (out / "html" / f"{page_id}.html").write_text(markup, encoding="utf-8")
        blocks = gold_blocks(gold)
        truth[page_id] = {"articleBody": "\n".join(b["text"] for b in blocks),
                          "url": f"https://example.com/{page_id}"}
        (out / "gold" / f"{page_id}.gold.json").write_text(json.dumps({
            "title": article.title, "authors": list(article.authors),
            "published": article.published, "family": name, "blocks": blocks,
        }, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "ground-truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1),
                                           encoding="utf-8")
    print(f"{len(PLAN)} pages in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
