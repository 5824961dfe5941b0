"""Opening a PDF: typed errors for every way it can fail, and pdfminer's log noise kept quiet.

pdfminer reports harmless font quirks ("Could not get FontBBox from font descriptor") as
warnings on its own loggers, which Python prints to stderr when the application configured no
logging. Those records are demoted to DEBUG here: still there for whoever debugs, never on a
user's terminal.
"""

from __future__ import annotations

import contextlib
import io
import logging
from typing import Any

from newsingest.errors import CorruptError, EncryptedError, ParseError

__all__ = ["demote_pdfminer_logs", "open_pdf"]

#: Smallest thing that could be a PDF: header, one object, trailer.
_MIN_SIZE = 32


class _Demote(logging.Filter):
    """Re-level every record to DEBUG (filters may edit the record they let through)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.DEBUG:
            record.levelno = logging.DEBUG
            record.levelname = "DEBUG"
        # The logger's level was checked before the filter ran, at the old level: a handler
        # without a level of its own would print the demoted record anyway.
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)


_DEMOTE = _Demote()


def demote_pdfminer_logs() -> None:
    """Attach the demoting filter to every pdfminer/pdfplumber logger that exists.

    Logger filters are not inherited by child loggers, so each module's logger gets its own;
    calling this again after new modules were imported is cheap and idempotent.
    """
    names = [n for n in list(logging.root.manager.loggerDict)
             if n.split(".")[0] in ("pdfminer", "pdfplumber")]
    for name in ("pdfminer", "pdfplumber", *names):
        logger = logging.getLogger(name)
        if _DEMOTE not in logger.filters:
            logger.addFilter(_DEMOTE)


def _check_bytes(data: bytes, label: str) -> None:
    head = data[:1024]
    if b"%PDF-" not in head:
        raise CorruptError("not a PDF (no %PDF- header); is the file misnamed?", source=label)
    if len(data) < _MIN_SIZE:
        raise CorruptError(f"only {len(data)} bytes: the PDF is truncated", source=label)


def open_pdf(data: bytes, label: str, password: str | None) -> Any:
    """Open ``data`` with pdfplumber and read its page tree, or raise a typed ParseError.

    Reading ``pdf.pages`` here makes a broken cross-reference table or page tree fail now, with a
    clear message, instead of half way through the pages.
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    demote_pdfminer_logs()
    _check_bytes(data, label)
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
    except PdfminerException as exc:
        raise _translate(exc.args[0] if exc.args else exc, data, label, password) from None
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFSyntaxError) as exc:
        raise _translate(exc, data, label, password) from None
    except Exception as exc:  # pdfminer raises many kinds on broken files
        raise _translate(exc, data, label, password) from None
    try:
        pages = pdf.pages
    except Exception as exc:
        _close_quietly(pdf)
        raise _translate(exc, data, label, password) from None
    if not pages:
        _close_quietly(pdf)
        raise CorruptError("the PDF has no pages (damaged page tree?)", source=label)
    demote_pdfminer_logs()
    return pdf


def _close_quietly(pdf: Any) -> None:
    """Close a PDF that already failed: closing re-reads a broken page tree and may raise too,
    which must not replace the error the user needs to see."""
    with contextlib.suppress(Exception):
        pdf.close()


def _translate(exc: object, data: bytes, label: str, password: str | None) -> ParseError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if isinstance(exc, PDFPasswordIncorrect) or "password" in repr(exc).lower():
        if password:
            return EncryptedError("the PDF is encrypted and the password given is wrong",
                                  source=label)
        return EncryptedError("the PDF is encrypted; it needs its password (`newsingest parse "
                              "--password PW`, or `newsingest.parse(..., password=PW)`)",
                              source=label)
    if isinstance(exc, PDFEncryptionError):
        return EncryptedError(f"the PDF uses an encryption pdfminer cannot read: {exc}",
                              source=label)
    if b"%%EOF" not in data[-2048:]:
        return CorruptError(f"the PDF is truncated (no %%EOF at the end): {_describe(exc)}",
                            source=label)
    return CorruptError(f"broken PDF: {_describe(exc)}", source=label)


def _describe(exc: object) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
