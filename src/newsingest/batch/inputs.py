"""Finding the inputs of a batch run, naming each one stably, and reading archive members.

One discovery for every engine and store: it walks a :class:`~newsingest.batch.sources.Tree`
(the local disk, or an fsspec store), so folders, archives and filters behave alike on both.

Every input gets a *name*: a relative POSIX path that mirrors the input tree (``a/b/x.pdf``, or
``dump.zip/2024/x.pdf`` for an archive member). The name is the manifest key and, with the
exporter's extension appended, the output path, so same-named files in different folders never
collide and a second run finds the first run's records. Names are relative to the deepest folder
that holds every INPUT (the folder itself when a single folder is given).

Archives (``.zip``, ``.tar``, ``.tar.gz`` and friends) are listed up front and read member by
member, in order, by :func:`iter_payloads`. Members are untrusted: an absolute or ``..`` name, a
member larger than ``Limits.max_bytes``, one that expands more than ``Limits.max_ratio`` times, a
link, or an archive inside an archive is *refused*: it becomes an item that carries its refusal
instead of data, so it still gets a manifest line saying why. A second member stored under a
name already taken is converted as ``name~2.ext`` rather than dropped.

Which files are inputs: an INPUT named explicitly is always taken. Files found in folders and
archives are taken when an installed parser claims them (:class:`Claims`): by extension, or,
for a name without a claimed extension, when a parser recognises the first bytes. The rest get
a ``skipped`` / ``Unsupported`` line; ``--all-files`` takes everything.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
import tarfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from newsingest.batch.sources import Tree

__all__ = [
    "ARCHIVE_SUFFIXES",
    "Claims",
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
#: Bytes read to sniff a file whose extension no parser claims.
HEAD_BYTES = 4096


@attrs.frozen
class Limits:
    """Caps on every input's size (``max_bytes``; 0: none) and, against zip bombs, on archives.

    ``max_ratio`` applies only to members (or a compressed tar stream) larger than
    ``ratio_floor_bytes``: a kilobyte of spaces compresses 50× and is harmless.
    """

    max_bytes: int = 256 * _MIB
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1 * _MIB

    def too_large(self, size: int | None) -> Refusal | None:
        """The refusal of an input of ``size`` bytes, if it is over the cap.

        >>> Limits(max_bytes=10).too_large(11).error_type, Limits(max_bytes=0).too_large(11)
        ('TooLargeError', None)
        """
        if not self.max_bytes or size is None or size <= self.max_bytes:
            return None
        return Refusal("failed", "TooLargeError",
                       f"{size:,} bytes, over the {self.max_bytes:,}-byte limit per input "
                       "(--max-size); raise the limit to convert it")


@attrs.frozen
class Refusal:
    """Why an input is not converted: status ``failed`` (unsafe, broken) or ``skipped``."""

    status: str
    error_type: str
    message: str


@attrs.frozen
class Item:
    """One input: a file (``member is None``) or the ``index``-th member of the archive ``path``.

    ``path`` is the location a worker opens (a local path or a URL); ``explicit`` marks an INPUT
    named on the command line (taken whatever its format).
    """

    name: str
    path: str
    member: str | None = None
    index: int = -1
    refusal: Refusal | None = None
    explicit: bool = False

    @property
    def source(self) -> str:
        """The manifest's ``source``: the file, or ``archive::member``."""
        return self.path if self.member is None else f"{self.path}::{self.member}"


@attrs.frozen
class Payload:
    """What the feeder hands on: the item and, for archive members, the bytes read for it."""

    item: Item
    data: bytes | None = attrs.field(default=None, repr=False)
    refusal: Refusal | None = None


@attrs.frozen
class Claims:
    """Which files the installed parsers claim: extensions, and sniffers for the first bytes.

    A name with a claimed extension is taken. Otherwise the first bytes decide: without an
    extension, any parser's positive sniff takes it; with an extension no parser claims
    (``.json``, ``.csv``), only a sniff of at least ``recognised``: the text parser's weak
    "it decodes as text" (0.1) says nothing about a JSON file, while a ``%PDF-`` header (1.0)
    or HTML markup (0.9) does.
    """

    extensions: frozenset[str]
    sniffers: tuple[Callable[[bytes], float], ...] = ()
    recognised: float = 0.5

    @classmethod
    def of(cls, parsers: Mapping[str, Any]) -> Claims:
        return cls(frozenset(e.lower() for p in parsers.values() for e in p.extensions),
                   tuple(p.sniff for p in parsers.values()))

    def by_name(self, name: str) -> bool:
        return extension(name) in self.extensions

    def by_head(self, name: str, head: bytes) -> bool:
        best = 0.0
        for sniff in self.sniffers:
            try:
                best = max(best, float(sniff(head)))
            except Exception:  # a broken plugin's sniff is no claim (api.choose_parser warns)
                continue
        return best >= self.recognised if extension(name) else best > 0


def extension(name: str) -> str:
    """Lower-case extension of the base name, with its dot, or ``""``.

    >>> extension("a/B.PDF"), extension("a/README"), extension(".bashrc")
    ('.pdf', '', '')
    """
    base = name.rsplit("/", 1)[-1]
    stem, dot, ext = base.lstrip(".").rpartition(".")
    return f".{ext.lower()}" if dot and stem else ""


def _unsupported(name: str) -> Refusal:
    ext = extension(name) or "no extension"
    return Refusal("skipped", "Unsupported",
                   f"no installed parser claims it ({ext}, content not recognised); "
                   "--all-files converts it anyway")


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
class _Walk:
    tree: Tree
    root: str
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    outdir: str | None
    limits: Limits

    def keep_leaf(self, name: str) -> bool:
        if self.exclude and matches(name, self.exclude):
            return False
        return not self.include or matches(name, self.include)

    def rel(self, path: str) -> str:
        return posixpath.relpath(path, self.root) if self.root else path.lstrip("/")


def discover(
    tree: Tree,
    paths: Sequence[str],
    outdir: str | None,
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    limits: Limits | None = None,
) -> list[Item]:
    """Every input below ``paths`` (in ``tree``), in a stable order, named relative to the
    folder common to all of them.

    Folders are walked recursively in sorted order, skipping hidden entries and ``outdir`` (a
    path in the same tree, or ``None``). ``include``/``exclude`` globs filter what is found
    inside folders and archives; an INPUT named explicitly is always taken. The same name
    reached twice is kept once. A path that does not exist is ``FileNotFoundError``.
    """
    if not paths:
        return []
    anchors = []
    for path in paths:
        if tree.isdir(path):
            anchors.append(path)
        elif tree.isfile(path):
            anchors.append(posixpath.dirname(path))
        else:
            raise FileNotFoundError(f"no such input: {tree.location(path)}")
    walk = _Walk(tree, posixpath.commonpath(anchors), tuple(include), tuple(exclude), outdir,
                 limits or Limits())
    items: dict[str, Item] = {}
    for path in paths:
        for item in _expand(walk, path, explicit=True):
            items.setdefault(item.name, item)
    return list(items.values())


def _expand(walk: _Walk, path: str, *, explicit: bool) -> Iterator[Item]:
    if walk.tree.isdir(path):
        yield from _walk(walk, path)
        return
    name = walk.rel(path)
    if is_archive(path):
        if explicit or not (walk.exclude and matches(name, walk.exclude)):
            yield from _archive_items(walk, path, name)
    elif explicit or walk.keep_leaf(name):
        yield Item(name=name, path=walk.tree.location(path), explicit=explicit)


def _listing_error(walk: _Walk, error: OSError, where: str) -> Item:
    where = str(error.filename or where)
    return Item(name=walk.rel(where), path=walk.tree.location(where), refusal=Refusal(
        "failed", type(error).__name__, f"cannot list the folder: {error.strerror or error}"))


def _walk(walk: _Walk, top: str) -> Iterator[Item]:
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in walk.tree.walk(top, errors):
        while errors:  # a folder that cannot be listed is an input we could not read
            yield _listing_error(walk, errors.pop(), dirpath)
        dirnames[:] = sorted(
            d for d in dirnames
            if not _hidden((d,))
            and not (walk.outdir and walk.tree.same(posixpath.join(dirpath, d), walk.outdir))
            and not (walk.exclude and matches(walk.rel(posixpath.join(dirpath, d)),
                                              walk.exclude))
        )
        for filename in sorted(filenames):
            if not filename or _hidden((filename,)):
                continue
            yield from _expand(walk, posixpath.join(dirpath, filename), explicit=False)
    for error in errors:
        yield _listing_error(walk, error, top)


def _archive_items(walk: _Walk, path: str, name: str) -> list[Item]:
    location = walk.tree.location(path)
    try:
        with walk.tree.open(path) as handle:
            if path.lower().endswith(".zip"):
                listing = _zip_listing(handle, walk.limits)
            else:
                listing = _tar_listing(handle, path, walk.tree.size(path) or 0, walk.limits)
    except (OSError, zipfile.BadZipFile, tarfile.TarError, EOFError, ValueError) as exc:
        return [Item(name=name, path=location, refusal=Refusal(
            "failed", "CorruptArchiveError", f"cannot read the archive: {exc}"))]
    items: list[Item] = []
    seen: set[str] = set()
    for index, raw, refusal in listing:
        parts = member_parts(raw)
        if isinstance(parts, Refusal):
            items.append(Item(f"{name}/{raw}", location, raw, index, parts))
            continue
        if not parts or _hidden(parts):
            continue
        member_name = f"{name}/{'/'.join(parts)}"
        if not walk.keep_leaf(member_name):
            continue
        if member_name in seen:
            member_name = _renamed(member_name, seen)
        if refusal is None and is_archive(parts[-1]):
            refusal = Refusal("failed", "NestedArchiveError",
                              "an archive inside an archive is not expanded (zip-bomb guard); "
                              "extract it and convert it on its own")
        seen.add(member_name)
        items.append(Item(member_name, location, raw, index, refusal))
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


def _zip_listing(handle: Any, limits: Limits) -> list[tuple[int, str, Refusal | None]]:
    out: list[tuple[int, str, Refusal | None]] = []
    with zipfile.ZipFile(handle) as zf:
        for index, info in enumerate(zf.infolist()):
            if info.is_dir():
                continue
            refusal = limits.too_large(info.file_size)
            if (refusal is None and info.file_size > limits.ratio_floor_bytes
                    and info.file_size > limits.max_ratio * max(info.compress_size, 1)):
                ratio = info.file_size / max(info.compress_size, 1)
                refusal = Refusal("failed", "CompressionRatioError",
                                  f"member expands {ratio:.0f}× (cap {limits.max_ratio:.0f}×): "
                                  "a zip bomb?")
            out.append((index, info.filename, refusal))
    return out


def _tar_listing(handle: Any, path: str, size: int,
                 limits: Limits) -> list[tuple[int, str, Refusal | None]]:
    out: list[tuple[int, str, Refusal | None]] = []
    budget = max(limits.max_ratio * size, limits.ratio_floor_bytes)
    total = 0
    with tarfile.open(fileobj=handle, mode="r:*") as tf:
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
            else:
                refusal = limits.too_large(member.size)
            out.append((index, member.name, refusal))
    return out


def iter_payloads(tree: Tree, items: Iterable[Item], limits: Limits | None = None,
                  claims: Claims | None = None) -> Iterator[Payload]:
    """Yield a payload per item, in order; each archive is opened once for its run of members.

    Files carry no bytes (the worker reads them, so the parent never holds a large file); their
    size is checked against the limit first. Archive members carry their bytes, read with the
    cap enforced on the actual stream (declared sizes can lie). With ``claims``, a file or member
    no parser claims becomes a ``skipped`` refusal (the first bytes are read only when the
    extension does not decide).
    """
    limits = limits or Limits()
    group: list[Item] = []
    for item in items:
        if item.member is None or item.refusal is not None:
            yield from _read_group(tree, group, limits, claims)
            group = []
            yield _file_payload(tree, item, limits, claims)
        elif group and group[-1].path != item.path:
            yield from _read_group(tree, group, limits, claims)
            group = [item]
        else:
            group.append(item)
    yield from _read_group(tree, group, limits, claims)


def _file_payload(tree: Tree, item: Item, limits: Limits, claims: Claims | None) -> Payload:
    if item.refusal is not None:
        return Payload(item, refusal=item.refusal)
    path = tree.path(item.path)
    refusal = limits.too_large(tree.size(path))
    if refusal is None and claims is not None and not item.explicit \
            and not claims.by_name(item.name):
        try:
            with tree.open(path) as handle:
                head = handle.read(HEAD_BYTES)
        except OSError:
            head = None  # unreadable: the worker says why
        if head is not None and not claims.by_head(item.name, head):
            refusal = _unsupported(item.name)
    return Payload(item, refusal=refusal)


def _read_group(tree: Tree, group: list[Item], limits: Limits,
                claims: Claims | None) -> Iterator[Payload]:
    if not group:
        return
    wanted = {item.index: item for item in group}
    done: set[int] = set()
    cap = limits.max_bytes or -1
    try:
        with tree.open(tree.path(group[0].path)) as raw:
            if group[0].path.lower().endswith(".zip"):
                with zipfile.ZipFile(raw) as zf:
                    infos = zf.infolist()
                    for item in group:
                        done.add(item.index)
                        try:
                            with zf.open(infos[item.index]) as handle:
                                data = handle.read(cap + 1 if cap > 0 else -1)
                        except (RuntimeError, zipfile.BadZipFile, OSError, EOFError,
                                NotImplementedError) as exc:
                            yield Payload(item, refusal=Refusal(
                                "failed", "CorruptArchiveError", f"cannot read the member: {exc}"))
                            continue
                        yield _checked(item, data, limits, claims)
            else:
                with tarfile.open(fileobj=raw, mode="r|*") as tf:
                    for index, member in enumerate(tf):
                        found = wanted.get(index)
                        if found is None:
                            continue
                        done.add(index)
                        stream = tf.extractfile(member)
                        data = stream.read(cap + 1 if cap > 0 else -1) if stream else b""
                        yield _checked(found, data, limits, claims)
                        if len(done) == len(wanted):
                            break
    except (OSError, zipfile.BadZipFile, tarfile.TarError, EOFError) as exc:
        problem = f"cannot read the member: {exc}"
    else:
        problem = "the member was listed but is gone when the archive is read again"
    for item in group:
        if item.index not in done:
            yield Payload(item, refusal=Refusal("failed", "CorruptArchiveError", problem))


def _checked(item: Item, data: bytes, limits: Limits, claims: Claims | None) -> Payload:
    refusal = limits.too_large(len(data))
    if refusal is None and claims is not None and not claims.by_name(item.name) \
            and not claims.by_head(item.name, data[:HEAD_BYTES]):
        refusal = _unsupported(item.name)
    if refusal is not None:
        return Payload(item, refusal=refusal)
    return Payload(item, data=data)
