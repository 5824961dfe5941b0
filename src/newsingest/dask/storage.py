"""Inputs and outputs as local paths or fsspec URLs, read and written by the workers themselves.

A location is *local* when it is a plain path or a ``file://`` URL; anything else with a
``PROTOCOL://`` prefix goes through fsspec (``memory://``, and ``s3://``, ``gs://``, ``abfs://``
... when the user has installed the backend). Local outputs are written the batch engine's way,
temporary file and rename (:func:`newsingest.batch.outputs.write_atomic`). On object stores an
object appears whole or not at all when its upload completes, so outputs are written directly.

Output names come from input paths relative to a common root and are checked to stay below the
output location (:func:`safe_relative`): nothing is written outside it, whatever the store.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Sequence
from typing import Any

from newsingest.batch.inputs import Item, Refusal, is_archive, matches
from newsingest.batch.outputs import RESERVED, UnsafeOutputError, write_atomic

__all__ = ["discover_urls", "exists", "is_url", "local_path", "read_bytes", "read_text",
           "safe_relative", "write_text"]

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


def _fs(location: str) -> tuple[Any, str]:
    from fsspec.core import url_to_fs

    fs, path = url_to_fs(location)
    return fs, str(path)


def safe_relative(relative: str) -> str:
    """``relative`` if it stays below an output location, else :class:`UnsafeOutputError`.

    >>> safe_relative("a/b.pdf.json")
    'a/b.pdf.json'
    >>> safe_relative("../x.json")
    Traceback (most recent call last):
    ...
    newsingest.batch.outputs.UnsafeOutputError: '../x.json' is outside the output folder
    """
    parts = relative.split("/")
    if relative.startswith("/") or any(p in ("", ".", "..") for p in parts) or "\\" in relative:
        raise UnsafeOutputError(f"{relative!r} is outside the output folder")
    if len(parts) == 1 and parts[0] in RESERVED:
        raise UnsafeOutputError(f"{relative!r} would overwrite the run's own {parts[0]}")
    return relative


def _join(location: str, relative: str) -> str:
    return location.rstrip("/") + "/" + relative


def write_text(out: str, relative: str, text: str, *, reserved_ok: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``out/relative``: atomically on local disks, whole on stores."""
    local = local_path(out)
    if local is not None:
        write_atomic(local, relative, text, reserved_ok=reserved_ok)
        return
    if not reserved_ok:
        safe_relative(relative)
    fs, path = _fs(_join(out, relative))
    parent = posixpath.dirname(path)
    if parent:
        fs.makedirs(parent, exist_ok=True)
    fs.pipe_file(path, text.encode("utf-8"))


def exists(out: str, relative: str) -> bool:
    """Whether ``out/relative`` is there (an earlier run's output)."""
    local = local_path(out)
    if local is not None:
        return os.path.isfile(os.path.join(local, relative))
    fs, path = _fs(_join(out, relative))
    return bool(fs.isfile(path))


def read_bytes(location: str) -> bytes:
    """The bytes of one input, local or remote."""
    local = local_path(location)
    if local is not None:
        with open(local, "rb") as handle:
            return handle.read()
    fs, path = _fs(location)
    return bytes(fs.cat_file(path))


def read_text(location: str) -> str | None:
    """A text file's content, or ``None`` when it does not exist."""
    try:
        return read_bytes(location).decode("utf-8", errors="replace")
    except FileNotFoundError:
        return None


def _protocol(fs: Any) -> str:
    return str(fs.unstrip_protocol("/x")).split("://")[0]


def _hidden(relative: str) -> bool:
    return any(p.startswith(".") or p == "__MACOSX" for p in relative.split("/"))


def discover_urls(inputs: Sequence[str], out: str | None = None, *, include: Sequence[str] = (),
                  exclude: Sequence[str] = ()) -> list[Item]:
    """Every input file below ``inputs`` (files or folders on one store), named like ``discover``.

    Names are relative to the deepest folder common to every input, so the same tree gives
    the same names (and manifest keys) on a disk and in a bucket. Hidden entries and the output
    location are skipped; ``include``/``exclude`` filter what folders hold. Archives are not
    expanded here: each gets a ``failed`` refusal saying to use a local path or extract it.
    ``Item.path`` is the full URL a worker opens.
    """
    if not inputs:
        return []
    located = [_fs(location) for location in inputs]
    protocols = {_protocol(fs) for fs, _ in located}
    if len(protocols) > 1:
        raise ValueError(f"inputs on several stores ({', '.join(sorted(protocols))}): "
                         "convert each store in its own run")
    fs = located[0][0]
    out_path = None
    if out:
        out_fs, out_location = _fs(out)
        out_path = out_location.rstrip("/") if _protocol(out_fs) in protocols else None
    found: list[tuple[str, bool]] = []
    anchors = []
    for _, path in located:
        path = path.rstrip("/") or "/"
        if fs.isdir(path):
            anchors.append(path)
            found += [(p, False) for p in sorted(fs.find(path))
                      if not (out_path and (p + "/").startswith(out_path + "/"))
                      and not _hidden(posixpath.relpath(p, path))]
        elif fs.isfile(path):
            anchors.append(posixpath.dirname(path))
            found.append((path, True))
        else:
            raise FileNotFoundError(f"no such input: {fs.unstrip_protocol(path)}")
    root = posixpath.commonpath(anchors) if len(anchors) > 1 else anchors[0]
    items: dict[str, Item] = {}
    for path, explicit in found:
        name = posixpath.relpath(path, root) if root else path
        if not explicit and ((exclude and matches(name, exclude))
                             or (include and not matches(name, include))):
            continue
        refusal = None
        if is_archive(name):
            refusal = Refusal("failed", "ArchiveNotExpandedError",
                              "archives on object storage are not expanded by the dask engine; "
                              "extract them there, or convert the archive from a local path")
        items.setdefault(name, Item(name=name, path=fs.unstrip_protocol(path), refusal=refusal))
    return list(items.values())
