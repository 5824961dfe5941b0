"""Finding the inputs of a batch run and naming each one stably.

One discovery for every engine and store: it walks a :class:`~newsingest.batch.sources.Tree`
(the local disk, or an fsspec store), so folders, archives and filters behave alike on both.

Every input gets a *name*: a relative POSIX path that mirrors the input tree (``a/b/x.pdf``, or
``dump.zip/2024/x.pdf`` for an archive member). The name is the manifest key and, with the
exporter's extension appended, the output path, so same-named files in different folders never
collide and a second run finds the first run's records. Names are relative to the deepest folder
that holds every INPUT (the folder itself when a single folder is given).

Archives (``.zip``, ``.tar``, ``.tar.gz`` and friends) are listed up front and read member by
member, in order, by :func:`iter_payloads` (:mod:`newsingest.batch.archives` refuses unsafe
members). A second member stored under a name already taken is converted as ``name~2.ext``
rather than dropped.

Which files are inputs: an INPUT named explicitly is always taken. Files found in folders and
archives are taken when an installed parser claims them (:class:`Claims`): by extension, or,
for a name without a claimed extension, when a parser recognises the first bytes. The rest get
a ``skipped`` / ``Unsupported`` line; ``--all-files`` takes everything.
"""

from __future__ import annotations

import fnmatch
import posixpath
import tarfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence

import attrs

from newsingest.batch.archives import (
    is_archive,
    member_parts,
    read_members,
    renamed,
    tar_listing,
    zip_listing,
)
from newsingest.batch.items import HEAD_BYTES, Claims, Item, Limits, Payload, Refusal, unsupported
from newsingest.batch.sources import Tree

__all__ = ["Claims", "Item", "Limits", "Payload", "Refusal", "discover", "iter_payloads",
           "matches"]


def matches(name: str, patterns: Sequence[str]) -> bool:
    """Case-insensitive glob match: a pattern with ``/`` against the whole name, else the base.

    >>> matches("a/b/Story.PDF", ["*.pdf"]), matches("a/b/x.pdf", ["a/*"]), matches("b.txt", ["a*"])
    (True, True, False)
    """
    lowered = name.lower()
    base = lowered.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(lowered if "/" in p else base, p.lower()) for p in patterns)


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
                listing = zip_listing(handle, walk.limits)
            else:
                listing = tar_listing(handle, path, walk.tree.size(path) or 0, walk.limits)
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
            member_name = renamed(member_name, seen)
        if refusal is None and is_archive(parts[-1]):
            refusal = Refusal("failed", "NestedArchiveError",
                              "an archive inside an archive is not expanded (zip-bomb guard); "
                              "extract it and convert it on its own")
        seen.add(member_name)
        items.append(Item(member_name, location, raw, index, refusal))
    return items


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
            yield from read_members(tree, group, limits, claims)
            group = []
            yield _file_payload(tree, item, limits, claims)
        elif group and group[-1].path != item.path:
            yield from read_members(tree, group, limits, claims)
            group = [item]
        else:
            group.append(item)
    yield from read_members(tree, group, limits, claims)


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
            refusal = unsupported(item.name)
    return Payload(item, refusal=refusal)
