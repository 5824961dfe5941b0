"""Where outputs go: one :class:`Store` interface, a local folder or an fsspec location.

Both engines, the worker function and the runner write through it: outputs, the manifest and
``-f jsonl``'s stream. Every relative name is checked to stay inside the output location before
anything is written (:func:`safe_relative`; locally also after resolving symlinks), so neither a
crafted name nor a symlink planted in OUTDIR makes a run write elsewhere.

- :class:`LocalStore` writes to a temporary file next to the target and renames it over the
  target (``os.replace``): a killed run leaves the old file or the new one, never half of one.
  It can append (the manifest grows line by line, the JSONL stream too).
- :class:`FsspecStore` writes objects whole: an object store shows an object only once its
  upload completes. It cannot append, so the manifest is rewritten whole at checkpoints.

Stores are small frozen values: they pickle to the workers, which write their own outputs.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import posixpath
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Protocol

import attrs

from newsingest.batch.record import MANIFEST, Record
from newsingest.batch.sources import is_url, local_path

__all__ = [
    "JSONL",
    "RESERVED",
    "FsspecStore",
    "JsonlStream",
    "LocalStore",
    "ManifestLog",
    "Store",
    "UnsafeOutputError",
    "safe_relative",
    "store_for",
]

JSONL = "documents.jsonl"
#: Characters encoded and written at a time.
_CHUNK = 1 << 20
#: Names the run itself writes at the top of the output location.
RESERVED = frozenset({MANIFEST, JSONL})


class UnsafeOutputError(ValueError):
    """An output path would land outside the output location (or on a file the run owns)."""


def safe_relative(relative: str, *, reserved_ok: bool = False) -> str:
    """``relative`` if it stays below an output location, else :class:`UnsafeOutputError`.

    >>> safe_relative("a/b.pdf.json")
    'a/b.pdf.json'
    >>> safe_relative("../x.json")
    Traceback (most recent call last):
    ...
    newsingest.batch.store.UnsafeOutputError: '../x.json' is outside the output folder
    """
    parts = relative.split("/")
    if relative.startswith("/") or any(p in ("", ".", "..") for p in parts) or "\\" in relative \
            or "\x00" in relative:
        raise UnsafeOutputError(f"{relative!r} is outside the output folder")
    if len(parts) == 1 and parts[0] in RESERVED and not reserved_ok:
        raise UnsafeOutputError(f"{relative!r} would overwrite the run's own {parts[0]}")
    if reserved_ok and (len(parts) != 1 or parts[0] not in RESERVED):
        raise UnsafeOutputError(f"{relative!r} is not one of the run's own files")
    return relative


class Store(Protocol):
    """An output location."""

    @property
    def location(self) -> str: ...

    @property
    def appendable(self) -> bool: ...

    def write_text(self, relative: str, text: str, *, reserved_ok: bool = False) -> None: ...

    def read_text(self, relative: str) -> str | None:
        """The file's text, ``None`` when it is not there."""
        ...

    def exists(self, relative: str) -> bool: ...

    def discard_partial(self, relative: str) -> None:
        """Remove what a killed writer of ``relative`` may have left (temporaries)."""
        ...

    def open_append(self, relative: str) -> IO[str]:
        """A text handle appending to a run file (only when ``appendable``)."""
        ...


def _absolute(path: str | os.PathLike[str]) -> str:
    return os.path.abspath(path)


def _no_slash(url: str) -> str:
    return str(url).rstrip("/")


@attrs.frozen
class LocalStore:
    """A local folder (created on first write)."""

    root: str = attrs.field(converter=_absolute)

    @property
    def location(self) -> str:
        return self.root

    @property
    def appendable(self) -> bool:
        return True

    def target(self, relative: str, *, reserved_ok: bool = False) -> Path:
        """``root/relative`` resolved, or :class:`UnsafeOutputError` if it escapes the root."""
        safe_relative(relative, reserved_ok=reserved_ok)
        root = Path(self.root).resolve()
        target = (root / relative).resolve()
        if target == root or not target.is_relative_to(root):
            raise UnsafeOutputError(f"{relative!r} is outside the output folder")
        return target

    def write_text(self, relative: str, text: str, *, reserved_ok: bool = False) -> None:
        target = self.target(relative, reserved_ok=reserved_ok)
        target.parent.mkdir(parents=True, exist_ok=True)
        # mkdir may have followed a symlink created since the check: check the real parent again.
        if not target.parent.resolve().is_relative_to(Path(self.root).resolve()):
            raise UnsafeOutputError(f"{relative!r} is outside the output folder")
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as handle:
                for start in range(0, len(text), _CHUNK):  # never a second whole copy as bytes
                    handle.write(text[start:start + _CHUNK])
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise

    def read_text(self, relative: str) -> str | None:
        try:
            return (Path(self.root) / relative).read_text(encoding="utf-8", errors="replace")
        except (FileNotFoundError, NotADirectoryError):
            return None

    def exists(self, relative: str) -> bool:
        try:
            return self.target(relative).is_file()
        except UnsafeOutputError:
            return False

    def discard_partial(self, relative: str) -> None:
        try:
            target = self.target(relative)
        except UnsafeOutputError:
            return
        pattern = glob.escape(str(target.with_name(f".{target.name}."))) + "*.tmp"
        for leftover in glob.glob(pattern):
            with contextlib.suppress(OSError):
                os.unlink(leftover)

    def open_append(self, relative: str) -> IO[str]:
        target = self.target(relative, reserved_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():  # cut a torn last line (a killed run) so the next one starts clean
            with open(target, "rb+") as handle:
                data = handle.read()
                if data and not data.endswith(b"\n"):
                    handle.truncate(data.rfind(b"\n") + 1)
        return open(target, "a", encoding="utf-8")


@attrs.frozen
class FsspecStore:
    """Any fsspec URL (``s3://bucket/prefix``); the backend must be installed where it runs."""

    url: str = attrs.field(converter=_no_slash)

    @property
    def location(self) -> str:
        return self.url

    @property
    def appendable(self) -> bool:
        return False

    def _fs(self, relative: str) -> tuple[Any, str]:
        from fsspec.core import url_to_fs

        fs, path = url_to_fs(self.url + "/" + relative)
        return fs, str(path)

    def write_text(self, relative: str, text: str, *, reserved_ok: bool = False) -> None:
        fs, path = self._fs(safe_relative(relative, reserved_ok=reserved_ok))
        parent = posixpath.dirname(path)
        if parent:
            fs.makedirs(parent, exist_ok=True)
        with fs.open(path, "wb") as handle:  # uploaded in parts, not one copy as bytes
            for start in range(0, len(text), _CHUNK):
                handle.write(text[start:start + _CHUNK].encode("utf-8"))

    def read_text(self, relative: str) -> str | None:
        fs, path = self._fs(relative)
        try:
            return bytes(fs.cat_file(path)).decode("utf-8", errors="replace")
        except FileNotFoundError:
            return None

    def exists(self, relative: str) -> bool:
        fs, path = self._fs(relative)
        return bool(fs.isfile(path))

    def discard_partial(self, relative: str) -> None:
        return None  # an upload that did not complete leaves no object

    def open_append(self, relative: str) -> IO[str]:
        raise OSError(f"{self.url}: object storage cannot append to {relative}")


def store_for(location: str) -> LocalStore | FsspecStore:
    """The store of an output location (a path, a ``file://`` URL or another fsspec URL)."""
    local = local_path(location)
    if local is not None:
        return LocalStore(local)
    assert is_url(location)
    return FsspecStore(location)


class ManifestLog:
    """The manifest while a run goes: appended line by line where the store can append,
    rewritten whole every ``checkpoint`` seconds where it cannot; :meth:`finish` rewrites it
    once, with one line per input. Readers take the last line per path (``read_records``)."""

    def __init__(self, store: Store, *, append: bool, checkpoint: float = 60.0) -> None:
        import time

        self.store = store
        self.checkpoint = checkpoint
        self._clock = time.monotonic
        self._saved = self._clock()
        self._handle: IO[str] | None = None
        if store.appendable:
            if not append:
                store.write_text(MANIFEST, "", reserved_ok=True)
            self._handle = store.open_append(MANIFEST)

    def write(self, record: Record, everything: Callable[[], Iterable[Record]]) -> None:
        """Log ``record``; ``everything()`` is the whole manifest so far, for stores that
        rewrite instead of appending."""
        if self._handle is not None:
            self._handle.write(record.to_json() + "\n")
            self._handle.flush()
        elif self._clock() - self._saved > self.checkpoint:
            self.finish(everything())

    def finish(self, records: Iterable[Record]) -> None:
        """Replace the manifest with exactly these records, in this order."""
        self.close()
        text = "".join(record.to_json() + "\n" for record in records)
        self.store.write_text(MANIFEST, text, reserved_ok=True)
        self._saved = self._clock()
        if self.store.appendable:
            self._handle = self.store.open_append(MANIFEST)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def stream_store(store: Store) -> LocalStore:
    """``store`` as the place of a ``-f jsonl`` stream, or ``ValueError`` saying why it cannot be.

    The stream is one file this process appends to, so it needs a local folder. The one check,
    made when a run is planned (before anything runs) and again by :class:`JsonlStream`.
    """
    if not isinstance(store, LocalStore):
        raise ValueError("-f jsonl is one stream written by this process: give a local "
                         "OUTDIR, or use json and concatenate")
    return store


class JsonlStream:
    """``documents.jsonl``, written by the runner only, one flushed line per document.

    Opening with ``append`` cuts off a partial last line left by a killed run; :meth:`compact`
    keeps, per input name, only the line whose hash the final manifest holds, so resumed runs
    never duplicate. It needs a store that can append (a local folder).
    """

    def __init__(self, store: Store, *, append: bool) -> None:
        self.store = store = stream_store(store)
        self.path = store.target(JSONL, reserved_ok=True)
        if not append:
            store.write_text(JSONL, "", reserved_ok=True)
        self._handle = store.open_append(JSONL)

    def write(self, line: str) -> None:
        self._handle.write(line if line.endswith("\n") else line + "\n")
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()

    def lines(self) -> dict[str, str]:
        """``source.name`` -> ``source.sha256`` of the last complete line per name."""
        return dict(key for key, _ in _keyed_lines(self.path))

    def compact(self, keep: Iterable[tuple[str, str]]) -> None:
        """Rewrite with one line per wanted key (the last written), in file order."""
        self._handle.flush()
        wanted = set(keep)
        last = {key: number for number, (key, _) in enumerate(_keyed_lines(self.path))}
        self._handle.close()
        tmp = self.path.with_name(f".{JSONL}.{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as out:  # streamed: the file can be large
            for number, (key, line) in enumerate(_keyed_lines(self.path)):
                if key in wanted and last[key] == number:
                    out.write(line)
        os.replace(tmp, self.path)
        self._handle = self.store.open_append(JSONL)


def _keyed_lines(path: Path) -> Iterator[tuple[tuple[str, str], str]]:
    """Complete lines with their ``(source.name, source.sha256)``; foreign lines are skipped."""
    if not path.exists():
        return
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.endswith("\n"):
                continue
            try:
                source = json.loads(line)["source"]
                yield (str(source["name"]), str(source["sha256"])), line
            except (ValueError, KeyError, TypeError):
                continue
