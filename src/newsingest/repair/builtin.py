"""Registers the built-in repair steps, in the order they must run."""

from __future__ import annotations

from collections.abc import Callable

from newsingest.hookspecs import hookimpl
from newsingest.repair import fixes
from newsingest.repair.pipeline import RepairStep

STEPS = (
    RepairStep("fix_encoding", fixes.fix_encoding, "mojibake undone with ftfy"),
    RepairStep(
        "remove_replacement_chars",
        fixes.remove_replacement_chars,
        "U+FFFD runs removed: the characters were lost before newsingest saw them",
        removes=True,
    ),
)


@hookimpl(tryfirst=True)
def register_repairs(register: Callable[[RepairStep], None]) -> None:
    for step in STEPS:
        register(step)
