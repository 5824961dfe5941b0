"""Tesseract through tesserocr: one page image → words with boxes, confidences and line rows.

tesserocr calls Tesseract's C++ API in process, so a page costs one recognition and no image
encoding, temporary file or TSV parsing (pytesseract's route: about a third more CPU per page,
measured by ``bench/compare_engines.py``). It also gives what the TSV does not: each text line's
row attributes (the height from descender to ascender), which is what the font size is read from.

The tesserocr wheel carries its own Tesseract library but no language data: the trained models
come from the system (Debian's ``tesseract-ocr`` and ``tesseract-ocr-LANG`` packages) or from
``TESSDATA_PREFIX``. When either half is missing, :class:`OcrUnavailableError` says exactly what
to install.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
from newsingest.errors import ParseError

__all__ = [
    "DEFAULT_LANGUAGES",
    "OcrLine",
    "OcrUnavailableError",
    "OcrWord",
    "PageOcr",
    "engine_version",
    "find_tessdata",
    "recognize",
]

DEFAULT_LANGUAGES = "eng"
#: Where Debian, Fedora, Homebrew and source builds put the trained models, tried in this order
#: after ``TESSDATA_PREFIX`` and after asking the ``tesseract`` program itself.
_KNOWN_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)
_INSTALL = ("install Tesseract with its English data: `apt-get install tesseract-ocr` "
            "(Debian/Ubuntu), `dnf install tesseract` (Fedora), `brew install tesseract` (macOS)")
#: Tesseract's row height per em of the font (see ``newsingest_ocr.lines.ROW_PER_EM``).
ROW_HEIGHT_PER_EM = 0.92
_LANGUAGE = re.compile(r"^[A-Za-z0-9_]+$")


class OcrUnavailableError(ParseError):
    """OCR was needed but Tesseract (the library, or a language's data) is not installed."""


@attrs.frozen
class OcrWord:
    """One recognised word, its box in image pixels (left, top, right, bottom) and confidence."""

    text: str
    bbox: tuple[int, int, int, int]
    confidence: float


@attrs.frozen
class OcrLine:
    """One text line as Tesseract segmented it, in its reading order.

    ``height`` is the row height Tesseract fitted to the whole line (baseline to ascender line,
    plus the descenders), in pixels: unlike an ink box it does not shrink for a line without
    capitals or descenders, so lines of one font size get one height; ``bbox`` is that row's
    box (see :func:`_row_box`).
    """

    words: tuple[OcrWord, ...]
    bbox: tuple[int, int, int, int]
    height: float
    block: int


def _has_models(folder: Path) -> bool:
    return folder.is_dir() and any(folder.glob("*.traineddata"))


def _asked_tesseract() -> Path | None:
    """The folder the ``tesseract`` program reads its models from, when the program is there."""
    program = shutil.which("tesseract")
    if program is None:
        return None
    try:
        result = subprocess.run([program, "--list-langs"], capture_output=True, text=True,
                                timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r'"([^"]+)"', result.stdout + result.stderr)
    return Path(found.group(1)) if found else None


@functools.cache
def find_tessdata() -> Path | None:
    """The folder holding Tesseract's ``*.traineddata`` models, or None when there is none."""
    candidates: list[Path] = []
    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        candidates += [Path(prefix), Path(prefix) / "tessdata"]
    asked = _asked_tesseract()
    if asked is not None:
        candidates.append(asked)
    candidates += [Path(p) for p in _KNOWN_DIRS]
    return next((c for c in candidates if _has_models(c)), None)


def _debian_package(language: str) -> str:
    """``chi_sim`` → ``tesseract-ocr-chi-sim`` (Debian names its language packs so)."""
    return "tesseract-ocr-" + language.lower().replace("_", "-")


def check_languages(languages: str) -> tuple[Path, str]:
    """The tessdata folder and the normalised ``a+b`` language string, or a clear error."""
    try:
        import tesserocr  # noqa: F401
    except ImportError as exc:
        raise OcrUnavailableError(
            f"OCR needs the tesserocr package, which failed to import ({exc}): "
            "`pip install tesserocr` (its wheel includes the Tesseract library); and "
            f"{_INSTALL}") from None
    wanted = [part.strip() for part in languages.split("+") if part.strip()]
    if not wanted or not all(_LANGUAGE.match(w) for w in wanted):
        raise OcrUnavailableError(f"ocr_languages={languages!r} is not a Tesseract language "
                                  "list such as 'eng' or 'deu+eng'")
    folder = find_tessdata()
    if folder is None:
        raise OcrUnavailableError(f"Tesseract's language data was not found: {_INSTALL}; or "
                                  "set TESSDATA_PREFIX to the folder holding eng.traineddata")
    missing = [w for w in wanted if not (folder / f"{w}.traineddata").is_file()]
    if missing:
        packages = " ".join(_debian_package(m) for m in missing)
        raise OcrUnavailableError(
            f"no Tesseract data for {', '.join(missing)} in {folder}: install "
            f"`apt-get install {packages}` (Debian/Ubuntu; other systems: the "
            f"{'/'.join(missing)} .traineddata file into that folder)")
    return folder, "+".join(wanted)


_local = threading.local()


def _api(folder: Path, languages: str) -> Any:
    """One initialised Tesseract per thread and language set (loading a model takes ~0.2 s).

    The API object is not thread-safe, so each thread keeps its own.
    """
    import tesserocr

    cache: dict[tuple[Path, str], Any] = _local.__dict__.setdefault("apis", {})
    key = (folder, languages)
    if key not in cache:
        cache[key] = tesserocr.PyTessBaseAPI(path=f"{folder}{os.sep}", lang=languages,
                                             psm=tesserocr.PSM.AUTO)
    return cache[key]


def engine_version() -> str:
    """Tesseract's version as tesserocr was built against (e.g. ``5.5.4``)."""
    import tesserocr

    first = str(tesserocr.tesseract_version()).split("\n", 1)[0]
    return first.replace("tesseract", "").strip()


@attrs.frozen
class _Row:
    """The row Tesseract fitted to a line: box, height and baseline (pixels)."""

    box: tuple[int, int, int, int]
    height: float
    baseline: tuple[tuple[int, int], tuple[int, int]] | None = None

    def base_at(self, x: float) -> float | None:
        if self.baseline is None:
            return None
        (x0, y0), (x1, y1) = self.baseline
        return y0 + (y1 - y0) * ((x - x0) / (x1 - x0)) if x1 != x0 else float(y0)


def _row_box(iterator: Any) -> _Row | None:
    """The line's box from its fitted row (ascender line to descender line) and its height.

    Ink boxes depend on the letters ("was a man" has no ascenders); the fitted row does not, so
    lines set alike get alike boxes and the gaps between them measure the leading.
    """
    from tesserocr import RIL

    box = iterator.BoundingBox(RIL.TEXTLINE)
    if box is None:
        return None
    rows = iterator.RowAttributes() or {}
    baseline = iterator.Baseline(RIL.TEXTLINE)
    height = float(rows.get("row_height") or 0.0)
    if not height or not baseline:
        return _Row(tuple(box), float(box[3] - box[1]))
    row = _Row(tuple(box), height, (tuple(baseline[0]), tuple(baseline[1])))
    base = row.base_at((box[0] + box[2]) / 2) or 0.0
    descent = -float(rows.get("descenders") or 0.0)
    top, bottom = round(base - (height - descent)), round(base + descent)
    return attrs.evolve(row, box=(box[0], min(top, box[1]), box[2], max(bottom, box[3])))


#: A word box with fewer dark pixels than this share of its area holds no ink.
_INKLESS = 0.02


class _Ink:
    """Ink counts of boxes in O(1), from a summed-area table of the page Tesseract binarised
    (its own idea of ink: light grey type is ink there too)."""

    def __init__(self, binarised: Any) -> None:
        import numpy as np

        self._dark = np.asarray(binarised.convert("L")) < 128
        self._sums = np.pad(self._dark.astype(np.int32).cumsum(0).cumsum(1), ((1, 0), (1, 0)))

    def blob(self, box: tuple[int, int, int, int]) -> tuple[tuple[int, int, int, int], int] | None:
        """The box of the ink inside ``box`` and its pixel count, or None when there is none."""
        import numpy as np

        left, top, right, bottom = (max(0, v) for v in box)
        region = self._dark[top:bottom, left:right]
        rows, cols = np.nonzero(region.any(axis=1))[0], np.nonzero(region.any(axis=0))[0]
        if not len(rows):
            return None
        found = (left + int(cols[0]), top + int(rows[0]),
                 left + int(cols[-1]) + 1, top + int(rows[-1]) + 1)
        return found, int(region.sum())

    def has_ink(self, box: tuple[int, int, int, int]) -> bool:
        left, top, right, bottom = box
        height, width = self._sums.shape
        left, right = max(0, min(left, width - 1)), max(0, min(right, width - 1))
        top, bottom = max(0, min(top, height - 1)), max(0, min(bottom, height - 1))
        s = self._sums
        count = int(s[bottom, right] - s[top, right] - s[bottom, left] + s[top, left])
        return bool(count >= max(2.0, _INKLESS * (right - left) * (bottom - top)))


@attrs.frozen
class PageOcr:
    """A page's lines, and the words dropped because their box on the page holds no ink."""

    lines: tuple[OcrLine, ...]
    inkless: tuple[OcrWord, ...] = ()


#: What Tesseract writes into an empty space: rules, never letters.
_RULES = frozenset("_-‐‑–—~")


def _space(words: Sequence[OcrWord], i: int, row: _Row) -> tuple[int, int, int, int]:
    """The page between the words either side of ``words[i]``, over the row's height.

    Where a one-glyph word really is: the LSTM's box for it can sit beside its glyph (an "I"
    read as "|" was boxed 6 px off its stroke), but the glyph is between its neighbours.
    """
    box = words[i].bbox
    em = int(row.height / ROW_HEIGHT_PER_EM)
    left = words[i - 1].bbox[2] + 1 if i > 0 else box[0] - em // 4
    right = words[i + 1].bbox[0] - 1 if i + 1 < len(words) else box[2] + em // 4
    return (min(left, box[0]), row.box[1], max(right, box[2]), row.box[3])


def _phantom(words: Sequence[OcrWord], i: int, row: _Row, ink: _Ink) -> bool:
    """A rule Tesseract read where the page between its neighbours is blank."""
    return set(words[i].text) <= _RULES and ink.blob(_space(words, i, row)) is None


def _dot(words: Sequence[OcrWord], i: int, row: _Row, ink: _Ink) -> OcrWord:
    """A one-character word that is a round dot above the baseline: "·", or "•" when large.

    Tesseract's English model has neither character, so it writes the middle dot of a byline
    ("By Ann Lee · May 2") as ".", ":" or "«", and a bullet as "e" or "°". The ink decides: one
    filled, round blob (at least 65% of its box, width within 0.6-1.6 of its height) that sits
    clear of the baseline. A period sits on the baseline; a colon is two blobs; letters are not
    filled.
    """
    word = words[i]
    base = row.base_at((word.bbox[0] + word.bbox[2]) / 2)
    found = ink.blob(_space(words, i, row)) if len(word.text) == 1 else None
    if base is None or found is None:
        return word
    (left, top, right, bottom), count = found
    width, height = right - left, bottom - top
    em = row.height / ROW_HEIGHT_PER_EM
    round_blob = count >= 0.65 * width * height and 0.6 <= width / height <= 1.6
    if not round_blob or bottom > base - 0.08 * em or height > 0.45 * em:
        return word
    return attrs.evolve(word, text="·" if height <= 0.2 * em else "•",
                        bbox=(left, top, right, bottom))


def _read(iterator: Any, ink: _Ink) -> PageOcr:
    """Walk the result word by word into lines, each word's box checked for ink.

    Tesseract's line recogniser sometimes emits a rule into a wide justified space ("The _
    trek", "purchasing - vehicles"): a word of dashes or underscores whose box on the page is
    blank. Such words are dropped (and reported); every other word is kept, however unsure.
    Only rules: the LSTM's boxes of one-glyph words can sit beside their glyph (an "I" read as
    "|" was boxed 6 px off its stroke), so the box is widened by a sixth of its height and a
    letter is never judged by it.
    """
    from tesserocr import RIL

    lines: list[OcrLine] = []
    inkless: list[OcrWord] = []
    words: list[OcrWord] = []
    row: _Row | None = None
    block = line_block = -1

    def end_line() -> None:
        if words and row is not None:
            kept: list[OcrWord] = []
            for i, word in enumerate(words):
                if _phantom(words, i, row, ink):
                    inkless.append(word)
                else:
                    kept.append(_dot(words, i, row, ink))
            if kept:
                lines.append(OcrLine(tuple(kept), row.box, row.height, line_block))
        words.clear()

    if iterator.Empty(RIL.WORD):  # a blank page: tesserocr raises on reading its "text"
        return PageOcr(())
    while True:
        if iterator.IsAtBeginningOf(RIL.BLOCK):
            block += 1
        if iterator.IsAtBeginningOf(RIL.TEXTLINE):
            end_line()
            row, line_block = _row_box(iterator), block
        text = (iterator.GetUTF8Text(RIL.WORD) or "").strip()
        box = iterator.BoundingBox(RIL.WORD)
        if text and box is not None:
            words.append(OcrWord(text, tuple(box), float(iterator.Confidence(RIL.WORD))))
        if not iterator.Next(RIL.WORD):
            break
    end_line()
    return PageOcr(tuple(lines), tuple(inkless))


def recognize(image: Any, languages: str, dpi: float) -> PageOcr:
    """OCR one page image (a Pillow image) → its text lines in Tesseract's reading order."""
    folder, normalised = check_languages(languages)
    api = _api(folder, normalised)
    api.SetImage(image)
    api.SetSourceResolution(round(dpi))
    try:
        api.Recognize()
        iterator = api.GetIterator()
        if iterator is None:
            return PageOcr(())
        return _read(iterator, _Ink(api.GetThresholdedImage()))
    finally:
        api.Clear()
