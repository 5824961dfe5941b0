"""Bytes to text without mojibake: BOM, then strict UTF-8, then charset-normalizer.

Used by the text and HTML parsers. UTF-8 is tried strictly first because a valid UTF-8 decode of
non-trivial text is almost never wrong, while statistical detection on short texts often is.
"""

from __future__ import annotations

import codecs

from newsingest.errors import CorruptError

__all__ = ["decode_bytes", "looks_binary"]

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
    >>> looks_binary(bytes(range(0, 32)) * 4)
    True
    """
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        # UTF-16 without a BOM has a NUL in every other byte; anything else with NULs is binary.
        even, odd = head[0::2], head[1::2]
        return not (even.count(0) > 0.4 * len(even) or odd.count(0) > 0.4 * len(odd))
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > 0.05 * len(head)


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
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            codec = codecs.lookup(declared).name
            if codec not in ("utf-8", "utf-16", "utf-32"):
                return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass
    if b"\x00" in data[:4096]:
        even = data[:4096:2].count(0)
        encoding = "utf-16-be" if even > data[1:4096:2].count(0) else "utf-16-le"
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
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", errors="replace"), "cp1252"
