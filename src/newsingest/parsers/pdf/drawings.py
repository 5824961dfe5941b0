"""Vector drawings: where a page draws a figure with paths instead of an image.

A diagram drawn with lines and curves (a technical drawing, a plot) carries its labels as
text ("2a", "Frequency (Hz)"); read as running text they cut the paragraph around the figure.
An image's box says where such text is; a drawing has no box, so it is found here: the page's
vector paths, joined where they touch or nearly, make one area each; an area is a drawing when
it holds curves — ruled tables, boxed sidebars and rules under headings are straight lines and
rectangles only — and is neither tiny (a bullet, an underline) nor most of the page (a frame
around everything).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["drawing_areas"]

Box = tuple[float, float, float, float]

#: Paths closer than this (points) belong to one drawing.
NEAR = 4.0
#: A drawing holds at least this many curves ...
MIN_CURVES = 4
#: ... is at least this big on each side (points) ...
MIN_SIDE = 24.0
#: ... and covers under this share of the page.
MAX_SHARE = 0.5


def _touch(a: Box, b: Box) -> bool:
    return (a[0] - NEAR <= b[2] and b[0] - NEAR <= a[2]
            and a[1] - NEAR <= b[3] and b[1] - NEAR <= a[3])


def drawing_areas(vectors: Sequence[tuple[Box, bool]], width: float, height: float
                  ) -> list[Box]:
    """The boxes of the page's vector drawings (see the module docstring)."""
    page = width * height
    # a path as wide or as tall as most of the page (a running head's rule, a frame, a
    # background or clip shape running off the page) joins nothing
    paths = [(box, curve) for box, curve in vectors
             if box[2] - box[0] < 0.8 * width and box[3] - box[1] < 0.8 * height
             and box[0] > -NEAR and box[1] > -NEAR and box[2] < width + NEAR
             and box[3] < height + NEAR]
    areas: list[tuple[Box, int]] = []
    for box, curve in sorted(paths, key=lambda item: item[0][0]):
        hit = [k for k, (area, _) in enumerate(areas) if _touch(area, box)]
        grown, curves = box, int(curve)
        for k in hit:
            area, n = areas[k]
            grown = (min(grown[0], area[0]), min(grown[1], area[1]),
                     max(grown[2], area[2]), max(grown[3], area[3]))
            curves += n
        areas = [item for k, item in enumerate(areas) if k not in hit]
        areas.append((grown, curves))
    merged = True
    while merged:  # an area that grew may reach one found before
        merged = False
        for i, (a, n) in enumerate(areas):
            j = next((j for j in range(i + 1, len(areas)) if _touch(a, areas[j][0])), None)
            if j is not None:
                b, m = areas.pop(j)
                areas[i] = ((min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]),
                             max(a[3], b[3])), n + m)
                merged = True
                break
    return [box for box, curves in areas
            if curves >= MIN_CURVES and box[2] - box[0] >= MIN_SIDE and box[3] - box[1] >= MIN_SIDE
            and (box[2] - box[0]) * (box[3] - box[1]) < MAX_SHARE * page]
