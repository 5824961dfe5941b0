"""The built-in repair steps: each a small pure function of ``str -> str`` with a doctest.

Every step is idempotent and keeps the number of lines (the pipeline relies on both). Steps that
delete information (``remove_replacement_chars``) are registered with ``removes=True`` so that
every removal is logged with its location.
"""

from __future__ import annotations

import re

import ftfy

__all__ = ["fix_encoding", "remove_replacement_chars"]

_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,  # keep the author's punctuation
    fix_line_breaks=False,  # line breaks are the reflow engine's evidence
    normalization=None,
    fix_latin_ligatures=False,
    fix_character_width=False,
    explain=False,
)


def fix_encoding(text: str) -> str:
    """Undo mojibake (UTF-8 read as cp1252/latin-1, double encoding) with ftfy.

    >>> fix_encoding("Ukraineâ€™s war")
    'Ukraine’s war'
    >>> fix_encoding("“curly” stays")
    '“curly” stays'
    """
    return "\n".join(ftfy.fix_text(line, _FTFY_CONFIG) for line in text.split("\n"))


_REPLACEMENT_RUN = re.compile(r"[ \t]*\ufffd+(?:[ \t]*\ufffd+)*([ \t]*)")


def remove_replacement_chars(text: str) -> str:
    """Remove runs of U+FFFD (information already lost) and the doubled space they leave.

    >>> remove_replacement_chars("Seoul \\ufffd\\ufffd have briefed")
    'Seoul have briefed'
    >>> remove_replacement_chars("\\ufffdStart")
    'Start'
    """

    def repl(match: re.Match[str]) -> str:
        before = match.string[match.start() - 1] if match.start() else "\n"
        after = match.string[match.end()] if match.end() < len(match.string) else "\n"
        if before in " \t\n" or after in " \t\n":
            return ""
        return " " if match.group(0)[:1] in " \t" or match.group(1) else ""

    return _REPLACEMENT_RUN.sub(repl, text)
