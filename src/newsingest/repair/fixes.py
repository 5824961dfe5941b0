"""The built-in repair steps: each a small pure function of ``str -> str`` with a doctest.

Every step is idempotent and keeps the number of lines (the pipeline relies on both). Steps that
delete information (``remove_replacement_chars``, ``remove_cid_runs``, ``fix_surrogates`` for lone
halves) are registered with ``removes=True`` so that every removal is logged with its location.

Order matters and is fixed in ``builtin.STEPS``: encoding first (mojibake can hide soft hyphens
and non-breaking spaces inside two-byte sequences), then emoji and surrogates, then the removal of
what is truly lost, then typography.
"""

from __future__ import annotations

import re

import ftfy

__all__ = [
    "LEGACY_EMOJI",
    "fix_encoding",
    "fix_legacy_emoji",
    "fix_ligatures",
    "fix_soft_hyphens",
    "fix_spaces",
    "fix_surrogates",
    "fix_symbol_bullets",
    "remove_cid_runs",
    "remove_control_chars",
    "remove_replacement_chars",
    "strip_stray_leading_spaces",
]

_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,  # keep the author's punctuation
    fix_line_breaks=False,  # line breaks are the reflow engine's evidence
    normalization=None,
    fix_latin_ligatures=False,  # a step of its own, logged separately
    fix_character_width=False,
    remove_control_chars=False,  # a step of its own: form feeds are page-break evidence first
    explain=False,
)


def fix_encoding(text: str) -> str:
    """Undo mojibake (UTF-8 read as cp1252/latin-1, double encoding) with ftfy.

    Curly quotes and dashes stay as the author wrote them; only byte-level damage is undone.
    Lines are fixed one by one so a damaged line cannot change its neighbours.

    >>> fix_encoding("Ukraineâ€™s war")
    'Ukraine’s war'
    >>> fix_encoding("“curly” stays — and so do dashes")
    '“curly” stays — and so do dashes'
    >>> fix_encoding("vÃ\\xaddeo")
    'vídeo'
    """
    if text.isascii():
        return text
    return "\n".join(
        line if line.isascii() else ftfy.fix_text(line, _FTFY_CONFIG) for line in text.split("\n")
    )


#: Google's legacy private-use emoji codes (the carrier-emoji mapping still used by emoji fonts,
#: which Chromium prints and pdfplumber returns as is) that have a standard emoji. Only codes whose
#: meaning is documented are listed; an unknown code is left alone rather than guessed.
LEGACY_EMOJI: dict[str, str] = {
    "\U000fe4e5": "\U0001f1ef\U0001f1f5",  # JP
    "\U000fe4e6": "\U0001f1fa\U0001f1f8",  # US
    "\U000fe4e7": "\U0001f1eb\U0001f1f7",  # FR
    "\U000fe4e8": "\U0001f1e9\U0001f1ea",  # DE
    "\U000fe4e9": "\U0001f1ee\U0001f1f9",  # IT
    "\U000fe4ea": "\U0001f1ec\U0001f1e7",  # GB
    "\U000fe4eb": "\U0001f1ea\U0001f1f8",  # ES
    "\U000fe4ec": "\U0001f1f7\U0001f1fa",  # RU
    "\U000fe4ed": "\U0001f1e8\U0001f1f3",  # CN
    "\U000fe4ee": "\U0001f1f0\U0001f1f7",  # KR
    # Keycaps: Noto Color Emoji (the font Chromium prints emoji with) ligates "1" + U+20E3 to
    # these codes, so a printed 1️⃣ comes back as U+FE82E. Read off the font's GSUB table.
    "\U000fe82c": "#\ufe0f\u20e3",
    **{chr(0xFE82E + i): f"{(i + 1) % 10}\ufe0f\u20e3" for i in range(10)},
    "\U000fe000": "\u2600\ufe0f",  # sun
    "\U000fe001": "\u2601\ufe0f",  # cloud
    "\U000fe002": "\u2614",  # umbrella with rain
    "\U000fe003": "\u26c4",  # snowman
    "\U000fe004": "\u26a1",  # high voltage
}
_LEGACY_RE = re.compile("[" + "".join(LEGACY_EMOJI) + "]")

#: Bullets drawn in Symbol/Wingdings fonts, which Word and LibreOffice export as private-use
#: codes U+F000 + the font's byte. Only mapped where they stand as a list marker at a line start:
#: there the role is certain even though the glyph's exact shape depends on the font.
SYMBOL_BULLETS: dict[str, str] = {
    "\uf0b7": "•",  # Symbol 0xB7, Word's default bullet
    "\uf0a7": "▪",  # Wingdings 0xA7
    "\uf06e": "■",  # Wingdings 0x6E
    "\uf071": "❑",  # Wingdings 0x71
    "\uf076": "❖",  # Wingdings 0x76
    "\uf0d8": "➢",  # Wingdings 0xD8
    "\uf0fc": "✓",  # Wingdings 0xFC
    "\uf02d": "-",  # Symbol 0x2D
    "\uf0a8": "□",  # Wingdings 0xA8
}
_SYMBOL_BULLET_RE = re.compile(r"^([ \t]*)([" + "".join(SYMBOL_BULLETS) + r"])(?=[ \t])", re.M)


def fix_symbol_bullets(text: str) -> str:
    """Turn private-use Symbol/Wingdings bullets at line starts into real bullet characters.

    >>> fix_symbol_bullets("\\uf0b7 first item\\n\\uf0a7\\tsecond")
    '• first item\\n▪\\tsecond'
    >>> fix_symbol_bullets("mid\\uf0b7line") == "mid\\uf0b7line"
    True
    """
    if text.isascii():
        return text
    return _SYMBOL_BULLET_RE.sub(lambda m: m.group(1) + SYMBOL_BULLETS[m.group(2)], text)


def fix_legacy_emoji(text: str) -> str:
    """Map Google's legacy private-use emoji (U+FE000 range) to standard emoji.

    Emoji fonts in PDFs map flags to these codes: Chromium prints 🇰🇷 as U+FE4EE.

    >>> fix_legacy_emoji("Seoul \\U000fe4ee and Tokyo \\U000fe4e5")
    'Seoul 🇰🇷 and Tokyo 🇯🇵'
    """
    if text.isascii():
        return text
    return _LEGACY_RE.sub(lambda m: LEGACY_EMOJI[m.group(0)], text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def fix_surrogates(text: str) -> str:
    """Re-pair UTF-16 surrogate halves into their character; turn lone halves into U+FFFD.

    A lone half carries no recoverable information, so it becomes U+FFFD, which the next step
    removes and logs with its location.

    >>> fix_surrogates("flag \\ud83c\\uddf0\\ud83c\\uddf7!") == "flag \\U0001f1f0\\U0001f1f7!"
    True
    >>> fix_surrogates("lone \\ud83c half")
    'lone \\ufffd half'
    """
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


_REPLACEMENT_RUN = re.compile(r"[ \t]*\ufffd+(?:[ \t]*\ufffd+)*([ \t]*)")


def remove_replacement_chars(text: str) -> str:
    """Remove runs of U+FFFD (information already lost) and the doubled space they leave.

    >>> remove_replacement_chars("Seoul \\ufffd\\ufffd have briefed")
    'Seoul have briefed'
    >>> remove_replacement_chars("\\ufffdStart")
    'Start'
    """
    if "\ufffd" not in text:
        return text

    def repl(match: re.Match[str]) -> str:
        before = match.string[match.start() - 1] if match.start() else "\n"
        after = match.string[match.end()] if match.end() < len(match.string) else "\n"
        if before in " \t\n" or after in " \t\n":
            return ""
        return " " if match.group(0)[:1] in " \t" or match.group(1) else ""

    return _REPLACEMENT_RUN.sub(repl, text)


_SHY_MID = re.compile("\u00ad+(?:[-\u2010](?=\\w))?(?!\n|$)")
_SHY_END = re.compile("[-\u2010]*\u00ad+[-\u2010]*[ \t]*$", re.MULTILINE)


def fix_soft_hyphens(text: str) -> str:
    """Remove soft hyphens inside lines; reduce a line-final one to a bare U+00AD marker.

    A soft hyphen is an invisible break opportunity. Inside a line it (and a hyphen glyph that
    some extractors print right after it) is noise. At a line end it is the best evidence there is
    that the word was split by the typesetter, so it stays — as a single U+00AD — for the reflow
    engine's ``join_lines``, which removes it when joining (and at a block end).

    >>> fix_soft_hyphens("develop\\u00adment and them\\u00ad-selves")
    'development and themselves'
    >>> fix_soft_hyphens("explo\\u00ad\\u2010\\nration") == "explo\\u00ad\\nration"
    True
    """
    if "\u00ad" not in text:
        return text
    text = _SHY_END.sub("\u00ad", text)
    return _SHY_MID.sub("", text)


_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_LIGATURE_RE = re.compile("[\ufb00-\ufb06]")


def fix_ligatures(text: str) -> str:
    """Spell out Latin ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ) that PDF fonts leave in extracted text.

    >>> fix_ligatures("e\\ufb03cient \\ufb01rst")
    'efficient first'
    """
    return _LIGATURE_RE.sub(lambda m: _LIGATURES[m.group(0)], text)


_CID_RUN = re.compile(r"(?:[ \t]*\(cid:\d+\))+")


def remove_cid_runs(text: str) -> str:
    """Remove ``(cid:N)`` runs: glyphs pdfminer could not map to characters (lost information).

    >>> remove_cid_runs("price (cid:3)(cid:17) rose")
    'price rose'
    >>> remove_cid_runs("(cid:12)word")
    'word'
    """
    if "(cid:" not in text:
        return text
    return _CID_RUN.sub("", text)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def remove_control_chars(text: str) -> str:
    """Remove control characters (form feeds, NULs, C1 controls) but keep tabs and newlines.

    Parsers that use form feeds as page-break evidence read them before repair runs.

    >>> remove_control_chars("\\x0cPage\\x00 two\\tok")
    'Page two\\tok'
    """
    return _CONTROL.sub("", text)


_LEADING = re.compile(r"^[ \t]{1,2}(?=\S)", re.MULTILINE)


def strip_stray_leading_spaces(text: str) -> str:
    """Remove one or two stray spaces at a line start (pdftotext leaves them at random).

    Deeper indentation is kept: it may be real structure for the parser to read.

    >>> strip_stray_leading_spaces(" Pentagon Says\\n forced to\\n    code")
    'Pentagon Says\\nforced to\\n    code'
    """
    return _LEADING.sub("", text)


_NBSP = re.compile("[\u00a0\u2007\u202f\u2000-\u200a\u205f\u3000]")
_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff]")
_ZWJ = re.compile("\u200d")


def _is_emoji_part(ch: str) -> bool:
    code = ord(ch)
    return (
        code >= 0x1F000
        or 0x2600 <= code <= 0x27BF
        or 0x2300 <= code <= 0x23FF
        or code in (0xFE0F, 0x20E3)
        or 0x2B00 <= code <= 0x2BFF
        or 0xE0020 <= code <= 0xE007F
    )


def fix_spaces(text: str) -> str:
    """Non-breaking and odd-width spaces become plain spaces; zero-width spaces go.

    A zero-width joiner is kept between emoji (👩‍💻 is one picture) and removed elsewhere.

    >>> fix_spaces("10\\u00a0000 troops\\u200b")
    '10 000 troops'
    >>> fix_spaces("\\U0001f469\\u200d\\U0001f4bb x\\u200dy") == "\\U0001f469\\u200d\\U0001f4bb xy"
    True
    """
    if text.isascii():
        return text
    text = _NBSP.sub(" ", text)
    text = _ZERO_WIDTH.sub("", text)
    if "\u200d" not in text:
        return text

    def zwj(match: re.Match[str]) -> str:
        i = match.start()
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        keep = before and after and _is_emoji_part(before) and _is_emoji_part(after)
        return "\u200d" if keep else ""

    return _ZWJ.sub(zwj, text)
