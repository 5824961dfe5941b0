"""Damaged PDFs (flipped bytes) give a Document or a typed ParseError, never another exception."""

from __future__ import annotations

import io
import random

import pytest

import newsingest

reportlab = pytest.importorskip("reportlab")


def small_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for page in range(2):
        c.setFont("Helvetica-Bold", 20)
        c.drawString(72, 760, "A Headline For Testing")
        c.setFont("Helvetica", 11)
        for i in range(20):
            c.drawString(72, 720 - 14 * i, f"Line {i} of body text on page {page}, with words.")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_flipped_bytes_never_escape_as_untyped_errors() -> None:
    data = small_pdf()
    rng = random.Random(7)
    outcomes = set()
    for _ in range(60):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 6)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            doc = newsingest.parse(bytes(damaged), name="damaged.pdf", parser="pdf")
            outcomes.add("ok")
            assert doc.source.media_type == "application/pdf"  # read as a PDF (a plugin's or ours)
        except newsingest.ParseError as exc:
            outcomes.add(type(exc).__name__)
            assert not isinstance(exc, newsingest.ParserCrashError), exc
            assert "damaged.pdf" in str(exc)
    assert "ok" in outcomes  # most single flips land in content streams and are survivable
