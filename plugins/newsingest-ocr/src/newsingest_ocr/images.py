"""Page images: image files (PNG, JPEG, TIFF with any number of pages) and rendered PDF pages.

Every page becomes an 8-bit grey Pillow image with its resolution, because Tesseract binarises
grey itself and the resolution turns pixels back into points. An image file that does not
state its resolution is taken as a 300 dpi scan (the usual archive setting); only the sizes in
points depend on it, not the text.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
from newsingest.errors import CorruptError

__all__ = ["ASSUMED_DPI", "IMAGE_TYPES", "PageImage", "image_kind", "image_pages", "render"]

ASSUMED_DPI = 300.0
#: Magic bytes → media type of the image files this plugin reads.
IMAGE_TYPES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
}


@attrs.frozen
class PageImage:
    number: int
    image: Any = attrs.field(repr=False)
    dpi: float


def image_kind(head: bytes) -> str | None:
    """The media type of an image file from its first bytes, or None.

    >>> image_kind(b"\\x89PNG\\r\\n\\x1a\\n...."), image_kind(b"%PDF-1.7")
    ('image/png', None)
    """
    return next((kind for magic, kind in IMAGE_TYPES.items() if head.startswith(magic)), None)


def _dpi(info: Mapping[Any, Any]) -> float:
    value: Any = info.get("dpi")
    try:
        dpi = float(value[0] if isinstance(value, tuple) else value)
    except (TypeError, ValueError, IndexError):
        return ASSUMED_DPI
    return dpi if 50 <= dpi <= 2400 else ASSUMED_DPI  # 72 or 1 from a screen tool is not a scan


def image_pages(data: bytes, label: str) -> Iterator[PageImage]:
    """Every frame of an image file as a grey page; a damaged file is a ``CorruptError``."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            grey = frame.convert("L")
            grey.load()
            yield PageImage(number, grey, _dpi(frame.info))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError) as exc:
        raise CorruptError(f"the image cannot be decoded: {exc}", source=label) from None


def render(page: Any, number: int, dpi: float) -> PageImage:
    """A PDF page (pypdfium2) drawn in grey at ``dpi``."""
    bitmap = page.render(scale=dpi / 72.0, grayscale=True)
    try:
        image = bitmap.to_pil().convert("L")
    finally:
        bitmap.close()
    return PageImage(number, image, dpi)
