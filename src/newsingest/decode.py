"""Bytes to text without mojibake: BOM, then strict UTF-8, then charset-normalizer.

Used by the text and HTML parsers. UTF-8 is tried strictly first because a valid UTF-8 decode of
non-trivial text is almost never wrong, while statistical detection on short texts often is.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections import Counter

from newsingest.errors import CorruptError

__all__ = ["decode_bytes", "is_guess", "looks_binary", "utf16_text"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(head: bytes) -> bool:
    """True when ``head`` is unlikely to be text in any encoding we decode.

    >>> looks_binary(b"plain words\\n")
    False
    >>> looks_binary(bytes(range(0, 32)) * 4), looks_binary(bytes(4096))
    (True, True)
    >>> looks_binary(("北京时间三月十二日，国务院召开常务会议。\\n" * 4).encode("utf-16-le"))
    False
    """
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if head.count(0) > 0.9 * len(head):
        return True  # NUL padding (a sparse or zeroed file): UTF-32 ASCII, the most, is 3/4 NUL
    if b"\x00" in head:
        # UTF-16 without a BOM: mostly ASCII has a NUL in every other byte; CJK has few NULs
        # (its newlines and spaces) and must read as text. Anything else with NULs is binary.
        even, odd = head[0::2], head[1::2]
        if even.count(0) > 0.4 * len(even) or odd.count(0) > 0.4 * len(odd):
            return False
        return utf16_text(head) is None
    return _control_heavy(head) and utf16_text(head) is None


def _control_heavy(head: bytes) -> bool:
    """More than 5% control bytes: no 8-bit text (it may still be UTF-16 without NULs)."""
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > 0.05 * len(head)


#: Blocks wider than 128 code points that hold one script's letters and punctuation.
_SCRIPT_BLOCKS = ((0x1100, 0x11FF), (0x3000, 0x30FF), (0x3400, 0x9FFF), (0xAC00, 0xD7A3),
                  (0xFF00, 0xFFEF))
#: Fewer characters than this say too little: random bytes read as "text" 8% of the time at
#: 32 characters, never at 64 (of 2000 tries).
_MIN_UTF16_CHARS = 64


def _block(code: int) -> int:
    for low, high in _SCRIPT_BLOCKS:
        if low <= code <= high:
            return low
    return code >> 7


def _utf16_score(head: bytes, encoding: str) -> float:
    """Share of ``head`` read in ``encoding`` that is text: whitespace, or printable characters
    of the four commonest blocks (a text uses a script or two plus ASCII and punctuation;
    binary bytes read as UTF-16 scatter over the whole plane and hit NULs and controls).
    """
    try:
        text = head[:len(head) // 2 * 2].decode(encoding)
    except UnicodeDecodeError:
        return 0.0
    if len(text) < _MIN_UTF16_CHARS or "\x00" in text or \
            len(set(text)) < max(16, 0.05 * len(text)):
        return 0.0  # a text uses many different characters; a repeated binary record few
    blocks: Counter[int] = Counter()
    space = control = wide = ascii_pairs = 0
    for ch in text:
        code = ord(ch)
        if code >= 0x100:
            wide += 1
            # 8-bit ASCII text read as UTF-16: both bytes of every character are printable ASCII
            ascii_pairs += 0x20 <= code >> 8 <= 0x7E and 0x20 <= code & 0xFF <= 0x7E
        if ch in " \t\n\r\f":
            space += 1
        elif ch.isprintable() and unicodedata.category(ch) not in ("Co", "Cn"):
            blocks[_block(code)] += 1
        elif code < 0x20 or 0x7F <= code < 0xA0:
            control += 1
    if ascii_pairs > 0.6 * wide or control > 0.01 * len(text):
        return 0.0
    return (space + sum(n for _, n in blocks.most_common(4))) / len(text)


def utf16_text(head: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``head`` (64 characters or more) reads as text in
    it without a byte-order mark, else ``None``.

    >>> utf16_text(("東京で十二日、政府は新しい方針を発表した。\\n" * 4).encode("utf-16-be"))
    'utf-16-be'
    >>> utf16_text(("Plain ASCII text, eight bits a character. " * 4).encode()) is None
    True
    """
    scores = {encoding: _utf16_score(head, encoding) for encoding in ("utf-16-le", "utf-16-be")}
    encoding = max(scores, key=lambda e: scores[e])
    return encoding if scores[encoding] >= 0.9 else None


_WIDE = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]
_CP1252_PUNCT = set("‘’‚“”„–—…•€™«»°§©®·±×÷¶¢£¥½¼¾¹²³´¨¸¯ªº¿¡")


def _plausible_cp1252(data: bytes) -> bool:
    """Western text in cp1252: a few accented letters or typographic marks among ASCII.

    Statistical detectors guess badly on short texts ("café" comes out as cp1006), while news in
    cp1252 is the commonest non-UTF-8 dump. Texts in other 8-bit codepages (Cyrillic cp1251, say)
    decode in cp1252 too, but as long runs of accented letters; the share of non-ASCII letters
    tells them apart.
    """
    try:
        text = data[:262144].decode("cp1252")
    except UnicodeDecodeError:
        return False
    high = [ch for ch in text if ord(ch) > 127]
    if not high:
        return True
    if any(not (ch.isalpha() or ch in _CP1252_PUNCT) for ch in high):
        return False
    letters = sum(1 for ch in text if ch.isalpha())
    high_letters = sum(1 for ch in high if ch.isalpha())
    return high_letters <= 0.25 * max(letters, 1)


#: What ``decode_bytes`` returns only when the bytes say so: a byte-order mark, or valid UTF-8.
_CERTAIN = frozenset({"utf-8", "utf-8-sig", "utf-16", "utf-32"})


def is_guess(encoding: str) -> bool:
    """Whether ``decode_bytes`` guessed ``encoding`` (from a declaration or statistics) rather
    than read it from the bytes (a byte-order mark, valid UTF-8).

    >>> is_guess(decode_bytes("café".encode("utf-8"))[1])
    False
    >>> is_guess(decode_bytes("café".encode("cp1252"))[1])
    True
    """
    return encoding not in _CERTAIN


def decode_bytes(
    data: bytes, *, declared: str | None = None, label: str = "<bytes>"
) -> tuple[str, str]:
    """Return ``(text, encoding)``.

    ``declared`` (an HTML ``<meta charset>``, say) is trusted only when the bytes decode cleanly
    with it and are not valid UTF-8 — pages declaring ISO-8859-1 but holding UTF-8 are common.

    >>> decode_bytes("café".encode("utf-8"))
    ('café', 'utf-8')
    >>> decode_bytes("café".encode("cp1252"))[0]
    'café'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    head = data[:4096]
    if b"\x00" in head or _control_heavy(head):
        # UTF-16 without a BOM: checked before UTF-8, for which NULs are valid characters
        even, odd = head[0::2].count(0), head[1::2].count(0)
        wide = utf16_text(head)
        if wide is None and max(even, odd) > 0.4 * (len(head) // 2):  # mostly ASCII, or short
            wide = "utf-16-be" if even > odd else "utf-16-le"
        if wide is not None:
            return data.decode(wide, errors="replace"), wide
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            codec = codecs.lookup(declared).name
            if codec not in ("utf-8", "utf-16", "utf-32"):
                return data.decode(codec), codec
        except (LookupError, UnicodeError):  # UnicodeError: codecs that cannot decode at all
            pass
    if b"\x00" in head:  # what looks_binary let through: the NULs' side says which end
        encoding = "utf-16-be" if head[0::2].count(0) > head[1::2].count(0) else "utf-16-le"
        return data.decode(encoding, errors="replace"), encoding
    if _plausible_cp1252(data):
        return data.decode("cp1252"), "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262144], cp_exclusion=_WIDE).best()
    if best is None:
        raise CorruptError("cannot decode the bytes as text in any known encoding", source=label)
    encoding = best.encoding
    try:
        return data.decode(encoding), encoding
    except (UnicodeError, LookupError):
        return data.decode("cp1252", errors="replace"), "cp1252"
