"""Finding the inputs of a batch run and naming each one stably.

Every input gets a *name*: a relative POSIX path that mirrors the input tree (``a/b/x.pdf``, or
``dump.zip/2024/x.pdf`` for an archive member). The name is the manifest key and, with the
exporter's extension appended, the output path inside OUTDIR, so same-named files in different
folders never collide and a second run finds the first run's records. Names are relative to the
deepest folder that holds every INPUT (the folder itself when a single folder is given).

Archives (``.zip``, ``.tar``, ``.tar.gz`` and friends) are listed up front and read member by
member, in order, by :func:`iter_payloads`. Members are untrusted: an absolute or ``..`` name, a
member larger than ``Limits.max_member_bytes``, one that expands more than ``Limits.max_ratio``
times, a link, or an archive inside an archive is *refused*: it becomes an item that carries its
refusal instead of data, so it still gets a manifest line saying why. A second member stored
under a name already taken is converted as ``name~2.ext`` rather than dropped.
"""

from __future__ import annotations

import fnmatch
import os
import re
import tarfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence

import attrs

__all__ = [
    "ARCHIVE_SUFFIXES",
    "Item",
    "Limits",
    "Payload",
    "Refusal",
    "discover",
    "is_archive",
    "iter_payloads",
    "matches",
    "member_parts",
]

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
_MIB = 1024 * 1024


@attrs.frozen
class Limits:
    """Caps on archive members, against zip bombs.

    ``max_ratio`` applies only to members (or a compressed tar stream) larger than
    ``ratio_floor_bytes``: a kilobyte of spaces compresses 50× and is harmless.
    """

    max_member_bytes: int = 256 * _MIB
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1 * _MIB


@attrs.frozen
class Refusal:
    """Why an input is not converted: status ``failed`` (unsafe, broken) or ``skipped``."""

    status: str
    error_type: str
    message: str


@attrs.frozen
class Item:
    """One input: a file (``member is None``) or the ``index``-th member of the archive ``path``."""

    name: str
    path: str
    member: str | None = None
    index: int = -1
    refusal: Refusal | None = None


@attrs.frozen
class Payload:
    """What the feeder hands on: the item and, for archive members, the bytes read for it."""

    item: Item
    data: bytes | None = attrs.field(default=None, repr=False)
    refusal: Refusal | None = None


def is_archive(name: str) -> bool:
    """True for the archive suffixes we expand.

    >>> is_archive("Dump.TAR.GZ"), is_archive("x.pdf")
    (True, False)
    """
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def matches(name: str, patterns: Sequence[str]) -> bool:
    """Case-insensitive glob match: a pattern with ``/`` against the whole name, else the base.

    >>> matches("a/b/Story.PDF", ["*.pdf"]), matches("a/b/x.pdf", ["a/*"]), matches("b.txt", ["a*"])
    (True, True, False)
    """
    lowered = name.lower()
    base = lowered.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(lowered if "/" in p else base, p.lower()) for p in patterns)


_DRIVE = re.compile(r"^[A-Za-z]:")


def member_parts(raw: str) -> tuple[str, ...] | Refusal:
    """The safe path parts of an archive member name, or why it is refused.

    Backslashes count as separators (archives made on Windows), so ``..\\\\x`` is caught too.

    >>> member_parts("./a//b/x.pdf")
    ('a', 'b', 'x.pdf')
    >>> member_parts("../evil").error_type, member_parts("/etc/passwd").error_type
    ('UnsafeMemberError', 'UnsafeMemberError')
    """
    if "\x00" in raw:
        return Refusal("failed", "UnsafeMemberError", "member name contains a NUL byte")
    if raw.startswith(("/", "\\")) or _DRIVE.match(raw):
        return Refusal("failed", "UnsafeMemberError",
                       f"absolute member path {raw!r} refused (it could write outside OUTDIR)")
    parts = tuple(p for p in re.split(r"[\\/]+", raw) if p not in ("", "."))
    if ".." in parts:
        return Refusal("failed", "UnsafeMemberError",
                       f"member path {raw!r} with '..' refused (it could write outside OUTDIR)")
    return parts


def _hidden(parts: Iterable[str]) -> bool:
    return any(p.startswith(".") or p == "__MACOSX" for p in parts)


@attrs.frozen
class _Filters:
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    outdir: str

    def keep_leaf(self, name: str) -> bool:
        if self.exclude and matches(name, self.exclude):
            return False
        return not self.include or matches(name, self.include)


def _anchor(path: str) -> str:
    return path if os.path.isdir(path) else os.path.dirname(path)


def discover(
    inputs: Sequence[str],
    outdir: str,
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    limits: Limits | None = None,
) -> list[Item]:
    """Every input, in a stable order, named relative to the folder common to all INPUTs.

    Folders are walked recursively in sorted order, skipping hidden entries and OUTDIR itself.
    ``include``/``exclude`` globs filter what is found inside folders and archives; an INPUT
    named explicitly is always taken. The same name reached twice is kept once.
    """
    limits = limits or Limits()
    absolute = [os.path.abspath(p) for p in inputs]
    if not absolute:
        return []
    root = os.path.commonpath([_anchor(p) for p in absolute])
    filters = _Filters(tuple(include), tuple(exclude), os.path.realpath(outdir))
    items: dict[str, Item] = {}
    for path in absolute:
        for item in _expand(path, root, filters, limits, explicit=True):
            items.setdefault(item.name, item)
    return list(items.values())


def _rel(path: str, root: str) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")


def _expand(path: str, root: str, filters: _Filters, limits: Limits,
            *, explicit: bool) -> Iterator[Item]:
    if os.path.isdir(path):
        yield from _walk(path, root, filters, limits)
        return
    name = _rel(path, root)
    if is_archive(path):
        if explicit or not (filters.exclude and matches(name, filters.exclude)):
            yield from _archive_items(path, name, filters, limits)
    elif explicit or filters.keep_leaf(name):
        yield Item(name=name, path=path)


def _walk(top: str, root: str, filters: _Filters, limits: Limits) -> Iterator[Item]:
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(top, onerror=errors.append):
        while errors:  # a folder that cannot be listed is an input we could not read
            error = errors.pop()
            where = error.filename or dirpath
            yield Item(name=_rel(where, root), path=where, refusal=Refusal(
                "failed", type(error).__name__, f"cannot list the folder: {error.strerror}"))
        dirnames[:] = sorted(
            d for d in dirnames
            if not _hidden((d,)) and os.path.realpath(os.path.join(dirpath, d)) != filters.outdir
            and not (filters.exclude and matches(_rel(os.path.join(dirpath, d), root),
                                                 filters.exclude))
        )
        for filename in sorted(filenames):
            if _hidden((filename,)):
                continue
            yield from _expand(os.path.join(dirpath, filename), root, filters, limits,
                               explicit=False)
    for error in errors:
        where = error.filename or top
        yield Item(name=_rel(where, root), path=where, refusal=Refusal(
            "failed", type(error).__name__, f"cannot list the folder: {error.strerror}"))


def _archive_items(path: str, name: str, filters: _Filters, limits: Limits) -> list[Item]:
    try:
        if path.lower().endswith(".zip"):
            listing = _zip_listing(path, limits)
        else:
            listing = _tar_listing(path, limits)
    except (OSError, zipfile.BadZipFile, tarfile.TarError, EOFError, ValueError) as exc:
        return [Item(name=name, path=path, refusal=Refusal(
            "failed", "CorruptArchiveError", f"cannot read the archive: {exc}"))]
    items: list[Item] = []
    seen: set[str] = set()
    for index, raw, refusal in listing:
        parts = member_parts(raw)
        if isinstance(parts, Refusal):
            items.append(Item(f"{name}/{raw}", path, raw, index, parts))
            continue
        if not parts or _hidden(parts):
            continue
        member_name = f"{name}/{'/'.join(parts)}"
        if not filters.keep_leaf(member_name):
            continue
        if member_name in seen:
            member_name = _renamed(member_name, seen)
        if refusal is None and is_archive(parts[-1]):
            refusal = Refusal("failed", "NestedArchiveError",
                              "an archive inside an archive is not expanded (zip-bomb guard); "
                              "extract it and convert it on its own")
        seen.add(member_name)
        items.append(Item(member_name, path, raw, index, refusal))
    return items


def _renamed(name: str, taken: set[str]) -> str:
    """A free name for the second, third... member stored under the same name.

    >>> _renamed("d.zip/a/x.pdf", {"d.zip/a/x.pdf", "d.zip/a/x~2.pdf"})
    'd.zip/a/x~3.pdf'
    """
    head, _, base = name.rpartition("/")
    stem, dot, ext = base.rpartition(".") if "." in base.lstrip(".") else (base, "", "")
    for number in range(2, len(taken) + 3):
        candidate = f"{head}/{stem}~{number}{dot}{ext}"
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable: more candidates than names taken")


def _size_refusal(size: int, limits: Limits) -> Refusal:
    return Refusal("failed", "MemberTooLargeError",
                   f"member expands to {size} bytes, over the {limits.max_member_bytes}-byte cap")


def _zip_listing(path: str, limits: Limits) -> list[tuple[int, str, Refusal | None]]:
    out: list[tuple[int, str, Refusal | None]] = []
    with zipfile.ZipFile(path) as zf:
        for index, info in enumerate(zf.infolist()):
            if info.is_dir():
                continue
            refusal = None
            if info.file_size > limits.max_member_bytes:
                refusal = _size_refusal(info.file_size, limits)
            elif (info.file_size > limits.ratio_floor_bytes
                  and info.file_size > limits.max_ratio * max(info.compress_size, 1)):
                ratio = info.file_size / max(info.compress_size, 1)
                refusal = Refusal("failed", "CompressionRatioError",
                                  f"member expands {ratio:.0f}× (cap {limits.max_ratio:.0f}×): "
                                  "a zip bomb?")
            out.append((index, info.filename, refusal))
    return out


def _tar_listing(path: str, limits: Limits) -> list[tuple[int, str, Refusal | None]]:
    out: list[tuple[int, str, Refusal | None]] = []
    budget = max(limits.max_ratio * os.path.getsize(path), limits.ratio_floor_bytes)
    total = 0
    with tarfile.open(path, "r:*") as tf:
        for index, member in enumerate(tf):
            total += member.size
            if total > budget and not path.lower().endswith(".tar"):
                out.append((index, member.name, Refusal(
                    "failed", "CompressionRatioError",
                    f"the archive expands more than {limits.max_ratio:.0f}× its size here; "
                    "the rest of it is not read (a tar bomb?)")))
                break
            if member.isdir():
                continue
            refusal = None
            if not member.isfile():
                refusal = Refusal("skipped", "NotARegularFileError",
                                  "links and special files in archives are not followed")
            elif member.size > limits.max_member_bytes:
                refusal = _size_refusal(member.size, limits)
            out.append((index, member.name, refusal))
    return out


def iter_payloads(items: Iterable[Item], limits: Limits | None = None) -> Iterator[Payload]:
    """Yield a payload per item, in order; each archive is opened once for its run of members.

    Files carry no bytes (the worker reads them, so the parent never holds a large file);
    archive members carry their bytes, read with the size cap enforced on the actual stream
    (declared sizes can lie).
    """
    limits = limits or Limits()
    group: list[Item] = []
    for item in items:
        if item.member is None or item.refusal is not None:
            yield from _read_group(group, limits)
            group = []
            yield Payload(item, refusal=item.refusal)
        elif group and group[-1].path != item.path:
            yield from _read_group(group, limits)
            group = [item]
        else:
            group.append(item)
    yield from _read_group(group, limits)


def _read_group(group: list[Item], limits: Limits) -> Iterator[Payload]:
    if not group:
        return
    wanted = {item.index: item for item in group}
    done: set[int] = set()
    cap = limits.max_member_bytes
    try:
        if group[0].path.lower().endswith(".zip"):
            with zipfile.ZipFile(group[0].path) as zf:
                infos = zf.infolist()
                for item in group:
                    done.add(item.index)
                    try:
                        with zf.open(infos[item.index]) as handle:
                            data = handle.read(cap + 1)
                    except (RuntimeError, zipfile.BadZipFile, OSError, EOFError,
                            NotImplementedError) as exc:
                        yield Payload(item, refusal=Refusal(
                            "failed", "CorruptArchiveError", f"cannot read the member: {exc}"))
                        continue
                    yield _checked(item, data, limits)
        else:
            with tarfile.open(group[0].path, "r|*") as tf:
                for index, member in enumerate(tf):
                    found = wanted.get(index)
                    if found is None:
                        continue
                    done.add(index)
                    stream = tf.extractfile(member)
                    data = stream.read(cap + 1) if stream is not None else b""
                    yield _checked(found, data, limits)
                    if len(done) == len(wanted):
                        break
    except (OSError, zipfile.BadZipFile, tarfile.TarError, EOFError) as exc:
        problem = f"cannot read the member: {exc}"
    else:
        problem = "the member was listed but is gone when the archive is read again"
    for item in group:
        if item.index not in done:
            yield Payload(item, refusal=Refusal("failed", "CorruptArchiveError", problem))


def _checked(item: Item, data: bytes, limits: Limits) -> Payload:
    if len(data) > limits.max_member_bytes:
        return Payload(item, refusal=_size_refusal(len(data), limits))
    return Payload(item, data=data)
