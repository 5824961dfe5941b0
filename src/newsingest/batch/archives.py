"""Archive members as inputs: listing them safely and reading them, each archive once.

Members are untrusted: an absolute or ``..`` name, a member larger than ``Limits.max_bytes``,
one that expands more than ``Limits.max_ratio`` times, a link, or an archive inside an archive
is *refused*: it becomes an item that carries its refusal instead of data, so it still gets a
manifest line saying why. Archives are opened through the discovery's tree, so an archive in a
bucket is read like one on disk.
"""

from __future__ import annotations

import re
import tarfile
import zipfile
from collections.abc import Iterator
from typing import Any

from newsingest.batch.items import HEAD_BYTES, Claims, Item, Limits, Payload, Refusal, unsupported
from newsingest.batch.sources import Tree

__all__ = ["ARCHIVE_SUFFIXES", "is_archive", "member_parts", "read_members", "renamed",
           "tar_listing", "zip_listing"]

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")


def is_archive(name: str) -> bool:
    """True for the archive suffixes we expand.

    >>> is_archive("Dump.TAR.GZ"), is_archive("x.pdf")
    (True, False)
    """
    return name.lower().endswith(ARCHIVE_SUFFIXES)


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


def renamed(name: str, taken: set[str]) -> str:
    """A free name for the second, third... member stored under the same name.

    >>> renamed("d.zip/a/x.pdf", {"d.zip/a/x.pdf", "d.zip/a/x~2.pdf"})
    'd.zip/a/x~3.pdf'
    """
    head, _, base = name.rpartition("/")
    stem, dot, ext = base.rpartition(".") if "." in base.lstrip(".") else (base, "", "")
    for number in range(2, len(taken) + 3):
        candidate = f"{head}/{stem}~{number}{dot}{ext}"
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable: more candidates than names taken")


def zip_listing(handle: Any, limits: Limits) -> list[tuple[int, str, Refusal | None]]:
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


def tar_listing(handle: Any, path: str, size: int,
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


def read_members(tree: Tree, group: list[Item], limits: Limits,
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
        refusal = unsupported(item.name)
    if refusal is not None:
        return Payload(item, refusal=refusal)
    return Payload(item, data=data)
