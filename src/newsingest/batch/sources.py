"""Where inputs are read from: a local disk, or any fsspec store (``s3://``, ``gs://``, ...).

Discovery walks a :class:`Tree` and workers open inputs with :func:`open_input`; both take the
same *locations*: an absolute local path, or a full fsspec URL. Nothing else in the batch code
knows which kind it has, so folders, archives, include/exclude and resume behave the same on a
disk and in a bucket. fsspec (the ``dask`` or ``s3`` extra) is imported only for URLs.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator, Sequence
from typing import IO, Any, Protocol

__all__ = ["FsspecTree", "LocalTree", "Tree", "is_url", "local_path", "open_input", "tree_for"]

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def is_url(location: str) -> bool:
    """True for ``PROTOCOL://...`` (``C:\\\\x`` and plain paths are not URLs).

    >>> is_url("s3://bucket/key"), is_url("file:///tmp/x"), is_url("/tmp/x"), is_url("C:\\\\x")
    (True, True, False, False)
    """
    return bool(_URL.match(location))


def local_path(location: str) -> str | None:
    """The absolute local path of a plain path or ``file://`` URL; ``None`` for other stores.

    >>> local_path("file:///tmp/x"), local_path("/tmp/y/"), local_path("memory://x")
    ('/tmp/x', '/tmp/y', None)
    """
    if location.startswith("file://"):
        return os.path.abspath(location[len("file://"):])
    if is_url(location):
        return None
    return os.path.abspath(location)


class Tree(Protocol):
    """A file tree discovery can walk. Paths are the tree's own (absolute, ``/``-separated)."""

    def isdir(self, path: str) -> bool: ...

    def isfile(self, path: str) -> bool: ...

    def walk(self, top: str, errors: list[OSError]) -> Iterator[tuple[str, list[str], list[str]]]:
        """``os.walk``-style, top-down (``dirnames`` can be pruned); listing errors appended."""
        ...

    def open(self, path: str) -> IO[bytes]: ...

    def size(self, path: str) -> int | None: ...

    def path(self, location: str) -> str:
        """The tree's path of a location :meth:`location` gave."""
        ...

    def location(self, path: str) -> str:
        """What a worker passes to :func:`open_input` (a local path, or the full URL)."""
        ...

    def same(self, path: str, other: str) -> bool:
        """Whether two paths are one entry (OUTDIR found inside an input folder)."""
        ...


class LocalTree:
    """The local disk. Symlinked folders are not walked into (as ``os.walk`` does)."""

    def isdir(self, path: str) -> bool:
        return os.path.isdir(path)

    def isfile(self, path: str) -> bool:
        return os.path.isfile(path)

    def walk(self, top: str, errors: list[OSError]) -> Iterator[tuple[str, list[str], list[str]]]:
        yield from os.walk(top, onerror=errors.append)

    def open(self, path: str) -> IO[bytes]:
        return open(path, "rb")

    def size(self, path: str) -> int | None:
        try:
            return os.path.getsize(path)
        except OSError:
            return None

    def path(self, location: str) -> str:
        return location

    def location(self, path: str) -> str:
        return path

    def same(self, path: str, other: str) -> bool:
        return os.path.realpath(path) == os.path.realpath(other)


class FsspecTree:
    """An fsspec filesystem; paths are the filesystem's (protocol stripped)."""

    def __init__(self, fs: Any) -> None:
        self.fs = fs

    def isdir(self, path: str) -> bool:
        return bool(self.fs.isdir(path))

    def isfile(self, path: str) -> bool:
        return bool(self.fs.isfile(path))

    def walk(self, top: str, errors: list[OSError]) -> Iterator[tuple[str, list[str], list[str]]]:
        def note(exc: OSError) -> None:
            errors.append(exc)

        for dirpath, dirnames, filenames in self.fs.walk(top, on_error=note):
            dirs = list(dirnames)
            yield dirpath, dirs, list(filenames)
            dirnames[:] = [d for d in dirnames if d in dirs]  # honour the caller's pruning

    def open(self, path: str) -> IO[bytes]:
        handle: IO[bytes] = self.fs.open(path, "rb")
        return handle

    def size(self, path: str) -> int | None:
        try:
            return int(self.fs.size(path))
        except (OSError, TypeError, ValueError):
            return None

    def path(self, location: str) -> str:
        return str(self.fs._strip_protocol(location))

    def location(self, path: str) -> str:
        return str(self.fs.unstrip_protocol(path))

    def same(self, path: str, other: str) -> bool:
        return path.rstrip("/") == other.rstrip("/")


def _fs(location: str) -> tuple[Any, str]:
    from fsspec.core import url_to_fs

    fs, path = url_to_fs(location)
    return fs, str(path)


def protocol_of(location: str) -> str:
    """``file`` for local paths, else the URL's scheme.

    >>> protocol_of("/tmp/x"), protocol_of("s3://b/k"), protocol_of("file:///x")
    ('file', 's3', 'file')
    """
    return location.split("://", 1)[0].lower() if is_url(location) else "file"


def tree_for(locations: Sequence[str]) -> tuple[Tree, list[str]]:
    """The tree holding every location, and the locations as paths in it.

    Inputs on two stores (a disk and a bucket, two schemes) are refused: names are relative to
    one common folder, which two stores do not have.
    """
    protocols = {protocol_of(location) for location in locations}
    if len(protocols) > 1:
        raise ValueError(f"inputs on several stores ({', '.join(sorted(protocols))}): "
                         "convert each store in its own run")
    if protocols <= {"file"}:
        return LocalTree(), [local_path(location) or location for location in locations]
    located = [_fs(location) for location in locations]
    return FsspecTree(located[0][0]), [path.rstrip("/") or "/" for _, path in located]


def open_input(location: str) -> IO[bytes]:
    """Open one input for reading, wherever it is."""
    local = local_path(location)
    if local is not None:
        return open(local, "rb")
    fs, path = _fs(location)
    handle: IO[bytes] = fs.open(path, "rb")
    return handle


def join(location: str, relative: str) -> str:
    """``location/relative`` for paths and URLs alike.

    >>> join("s3://b/out/", "a/x.json"), join("/tmp/o", "m.jsonl")
    ('s3://b/out/a/x.json', '/tmp/o/m.jsonl')
    """
    return posixpath.join(location.rstrip("/"), relative) if is_url(location) else \
        os.path.join(location, relative)
