"""Parser options for a batch run (``--password``, ``--option KEY=VALUE``), checked up front.

A parser declares the options it reads as ``option_types`` (name -> ``str``, ``bool``, ``int``
or ``float``); values given on the command line are converted to that type, so
``--option htmldate=false`` is ``False``, not the true string ``"false"``. A key no installed
parser declares is a usage error before anything runs (with ``--parser NAME``: a key that
parser does not declare). A parser that declares nothing (an older plugin) gets options only
when named with ``--parser``, as strings: they cannot be checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from newsingest.api import declared_options, option_refusal

__all__ = ["parse_options"]

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _convert(key: str, value: str, kind: type) -> Any:
    if kind is bool:
        lowered = value.strip().lower()
        if lowered in _TRUE | _FALSE:
            return lowered in _TRUE
        raise ValueError(f"option {key!r} is true or false, not {value!r}")
    if kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            raise ValueError(f"option {key!r} is a number, not {value!r}") from None
    return value


def parse_options(pairs: Iterable[str], parsers: Mapping[str, Any],
                  parser: str | None = None) -> tuple[tuple[str, Any], ...]:
    """``KEY=VALUE`` strings to typed ``(key, value)`` pairs; ``ValueError`` says what is wrong.

    >>> class Pdf:
    ...     option_types = {"password": str}
    >>> class Html:
    ...     option_types = {"htmldate": bool}
    >>> parse_options(["password=s3cret", "htmldate=no"], {"pdf": Pdf(), "html": Html()})
    (('password', 's3cret'), ('htmldate', False))
    >>> parse_options(["pasword=x"], {"pdf": Pdf()})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown option 'pasword' (did you mean 'password'?); the installed parsers ...
    """
    named = parser if parser is not None and parser in parsers else None
    declared = declared_options(parsers, named)
    out: list[tuple[str, Any]] = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ValueError(f"{pair!r} is not KEY=VALUE")
        if declared is None:  # the parser named declares nothing: passed on as given
            out.append((key, value))
            continue
        refusal = option_refusal(key, declared, named)
        if refusal is not None:
            raise ValueError(refusal if named is not None else
                             f"{refusal}; for a parser that declares no options, name it "
                             "with --parser")
        out.append((key, _convert(key, value, declared[key])))
    return tuple(out)
