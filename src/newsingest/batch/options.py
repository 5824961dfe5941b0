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
    ValueError: no installed parser takes option 'pasword' (known: password); ...
    """
    if parser is not None and parser in parsers:
        types = getattr(parsers[parser], "option_types", None)
        declared = dict(types) if types is not None else None
    else:
        declared = {}
        for candidate in parsers.values():
            for key, kind in dict(getattr(candidate, "option_types", None) or {}).items():
                declared.setdefault(str(key), kind)
    out: list[tuple[str, Any]] = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ValueError(f"{pair!r} is not KEY=VALUE")
        if declared is None:  # the parser named declares nothing: passed on as given
            out.append((key, value))
            continue
        if key not in declared:
            known = ", ".join(sorted(declared)) or "none"
            if parser is not None:
                raise ValueError(f"parser {parser!r} does not take option {key!r} "
                                 f"(known: {known})")
            raise ValueError(f"no installed parser takes option {key!r} (known: {known}); "
                             "for a parser that declares no options, name it with --parser")
        out.append((key, _convert(key, value, declared[key])))
    return tuple(out)
