"""Regenerate ``inspect-example.png`` for docs/inspect.md from a small synthetic PDF.

The article is made up here with reportlab (nothing from any real newspaper), and its Document
is labelled by hand from the words' measured positions, so the picture shows every kind of box
whatever the PDF parser currently produces. Run: ``python docs/img/make_inspect_example.py``.
Where a ``chromium`` binary exists it also screenshots the HTML view (``inspect-html.png``).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
import textwrap
from pathlib import Path

import pdfplumber
from PIL import Image
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen import canvas

import newsingest
from newsingest.model import Block, Document, Furniture, Metadata, Provenance, Source

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT = A5
BODY = ("Volunteers counted more than four hundred herons along the estuary this spring, "
        "the highest number since records began in the village hall ledger. ")


def make_pdf(path: Path) -> None:
    c = canvas.Canvas(str(path), pagesize=A5, invariant=1)
    c.setFont("Helvetica", 7)
    c.drawString(36, HEIGHT - 28, "THE ESTUARY GAZETTE  \u00b7  Saturday 4 May")
    c.setFont("Helvetica-Bold", 17)
    c.drawString(36, HEIGHT - 62, "Herons Return in Record Numbers")
    c.setFont("Times-Roman", 9)
    left = textwrap.wrap(BODY * 3, 40)
    right = textwrap.wrap(BODY * 2, 40)
    y = HEIGHT - 90
    for i, line in enumerate(left[:18]):
        c.drawString(36, y, line)
        y -= 11 + (6 if i == 8 else 0)
    c.setFont("Times-Italic", 11)
    c.drawString(222, HEIGHT - 90, "\u201cWe ran out of pencils,\u201d")
    c.drawString(222, HEIGHT - 104, "said the warden.")
    c.setFont("Times-Roman", 9)
    y = HEIGHT - 126
    for line in right[:4]:
        c.drawString(222, y, "- " + line)
        y -= 11
    c.rect(222, HEIGHT - 300, 160, 100)
    c.setFont("Helvetica-Oblique", 7)
    c.drawString(222, HEIGHT - 312, "A grey heron on the mudflats at dawn.")
    c.setFont("Helvetica", 7)
    c.drawString(WIDTH / 2 - 6, 20, "7")
    c.save()


def measure(page: pdfplumber.page.Page, region: tuple[float, float, float, float]
            ) -> Provenance:
    words = page.within_bbox(region).extract_words()
    return Provenance(page=1, bbox=(min(w["x0"] for w in words), min(w["top"] for w in words),
                                    max(w["x1"] for w in words), max(w["bottom"] for w in words)))


def text(page: pdfplumber.page.Page, region: tuple[float, float, float, float]) -> str:
    return " ".join(w["text"] for w in page.within_bbox(region).extract_words())


def labelled(path: Path) -> Document:
    data = path.read_bytes()
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        blocks = (
            Block("heading", "Herons Return in Record Numbers", level=1,
                  provenance=measure(page, (0, 40, WIDTH, 70))),
            Block("paragraph", text(page, (30, 78, 215, 185)),
                  provenance=measure(page, (30, 78, 215, 185))),
            Block("paragraph", text(page, (30, 185, 215, 300)),
                  provenance=measure(page, (30, 185, 215, 300))),
            Block("quote", "“We ran out of pencils,” said the warden.",
                  provenance=measure(page, (215, 78, WIDTH, 110))),
            *(Block("list_item", text(page, (215, 117 + 11 * i, WIDTH, 129.5 + 11 * i))[2:],
                    marker="-", depth=0,
                    provenance=measure(page, (215, 117 + 11 * i, WIDTH, 129.5 + 11 * i)))
              for i in range(4)),
            Block("caption", "A grey heron on the mudflats at dawn.",
                  provenance=measure(page, (215, 300, WIDTH, 320))),
        )
        furniture = (Furniture("masthead", "THE ESTUARY GAZETTE", measure(page, (0, 0, WIDTH, 35))),
                     Furniture("page_number", "7", measure(page, (0, HEIGHT - 30, WIDTH, HEIGHT))))
    source = Source(path.name, "application/pdf", hashlib.sha256(data).hexdigest(), len(data),
                    "pdf", "example")
    return Document(source, Metadata(title="Herons Return in Record Numbers"), blocks, furniture)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "example.pdf"
        make_pdf(pdf)
        (png,) = newsingest.inspect(labelled(pdf), pdf, tmp, resolution=110)
        shutil.copy(png, HERE / "inspect-example.png")
        (page,) = newsingest.inspect(labelled(pdf), pdf, tmp, resolution=110, html=True)
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        if browser:
            shot = Path(tmp) / "html.png"
            subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                            "--hide-scrollbars", "--window-size=1100,760",
                            f"--screenshot={shot}", page.as_uri()],
                           check=True, capture_output=True, timeout=120)
            Image.open(shot).convert("RGB").quantize(128).save(HERE / "inspect-html.png",
                                                              optimize=True)
    print(HERE / "inspect-example.png")


if __name__ == "__main__":
    main()
