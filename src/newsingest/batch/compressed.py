"""Single compressed files as inputs: ``story.html.gz``, ``dump.txt.xz`` (web archives keep pages
so). The file inside is the input: it is claimed by its own extension (or, without one, by its
first bytes), and the worker decompresses it before parsing.

Decompression is bomb-safe: at most ``--max-size`` bytes (and, without that cap, at most
:data:`MAX_RATIO` times the compressed size) are ever produced, read as a stream; past that the
input is a ``TooLargeError``. Broken streams are a ``CorruptError``. The manifest's ``sha256``
and ``size`` stay those of the stored file, so ``--resume`` compares what is on disk.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from collections.abc import Callable
from typing import IO, Any

from newsingest.errors import CorruptError, TooLargeError

__all__ = ["MAX_RATIO", "SUFFIXES", "decompress", "head_of", "inner_name", "is_compressed"]

#: Suffix -> how to open it. ``.tar.gz`` and friends are archives, never single files.
SUFFIXES: dict[str, Callable[[IO[bytes]], Any]] = {
    ".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open,
}
#: Without a size cap, a stream may expand this much (and to 1 MiB whatever its size).
MAX_RATIO = 200
_FLOOR = 1 << 20
_ERRORS = (OSError, EOFError, lzma.LZMAError, zlib.error, ValueError)


def is_compressed(name: str) -> bool:
    """A single compressed file (not a compressed tar archive).

    >>> is_compressed("a/Story.HTML.GZ"), is_compressed("x.tar.gz"), is_compressed("x.pdf")
    (True, False, False)
    """
    from newsingest.batch.archives import is_archive

    lowered = name.lower()
    return lowered.endswith(tuple(SUFFIXES)) and not is_archive(lowered)


def inner_name(name: str) -> str:
    """The name of the file inside (``story.html.gz`` -> ``story.html``).

    >>> inner_name("a/story.html.gz"), inner_name("page.xz")
    ('a/story.html', 'page')
    """
    return name[: name.rfind(".")] if is_compressed(name) else name


def _opener(name: str) -> Callable[[IO[bytes]], Any]:
    return SUFFIXES["." + name.lower().rsplit(".", 1)[-1]]


def decompress(data: bytes, max_bytes: int, name: str) -> bytes:
    """The bytes inside ``data`` (named ``name``), read as a stream up to the cap."""
    cap = max_bytes or max(MAX_RATIO * len(data), _FLOOR)
    kind = name.lower().rsplit(".", 1)[-1]
    try:
        with _opener(name)(io.BytesIO(data)) as stream:
            out = bytes(stream.read(cap + 1))
    except _ERRORS as exc:
        raise CorruptError(f"not a readable .{kind} file: {exc}", source=name) from exc
    if len(out) > cap:
        limit = (f"the {max_bytes:,}-byte limit per input (--max-size)" if max_bytes else
                 f"{MAX_RATIO}× its compressed size (a decompression bomb?)")
        raise TooLargeError(f"decompresses to more than {limit}; raise --max-size to convert it",
                            source=name)
    return out


def head_of(name: str, head: bytes) -> bytes:
    """The first bytes of the file inside, for sniffing (``head`` itself if it is no stream)."""
    if not is_compressed(name):
        return head
    try:
        if name.lower().endswith(".gz"):
            return zlib.decompressobj(wbits=47).decompress(head, len(head))
        with _opener(name)(io.BytesIO(head)) as stream:
            return bytes(stream.read(len(head)))
    except _ERRORS:
        return head  # cut short or broken: the worker says why
