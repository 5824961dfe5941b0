"""Typed errors: every failure a user can meet says what went wrong and what to do about it.

Callers catch :class:`ParseError` for "this input could not be turned into a Document"; the
subclasses let a batch run group failures by cause (the manifest records the class name).
"""

from __future__ import annotations

__all__ = [
    "CorruptError",
    "EmptyInputError",
    "EncryptedError",
    "NewsingestError",
    "OutputError",
    "ParseError",
    "ParserCrashError",
    "PluginError",
    "TooLargeError",
    "UnsupportedFormatError",
]


class NewsingestError(Exception):
    """Base of every error newsingest raises on purpose."""


class ParseError(NewsingestError):
    """The input could not be parsed into a Document.

    ``source`` names the input (a file name or ``"<bytes>"``) so that a message read in a log of
    thousands of files still says which one failed.
    """

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class UnsupportedFormatError(ParseError):
    """No registered parser accepts this input (or the one asked for does not exist)."""


class EncryptedError(ParseError):
    """The document is encrypted and no (correct) password was given."""


class CorruptError(ParseError):
    """The input claims a format but its bytes are broken (truncated, damaged, not that format)."""


class TooLargeError(ParseError):
    """The input is larger than the size limit the caller set (``convert --max-size``).

    Refused before it is read whole, so one huge file cannot take a worker's memory.
    """


class EmptyInputError(ParseError):
    """The input has no bytes at all."""


class ParserCrashError(ParseError):
    """A parser failed with an exception it should have turned into a ``ParseError``.

    The original exception is chained (``__cause__``); ``newsingest --debug`` shows it. The
    message names the parser and its distribution so the report goes to the right authors.
    """


class OutputError(NewsingestError):
    """The output could not be written (missing folder, no permission, disk full)."""


class PluginError(NewsingestError):
    """A plugin registered something invalid (raised to the plugin's ``register`` call)."""
