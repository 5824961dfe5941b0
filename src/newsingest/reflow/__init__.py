"""Reflow: lines with whatever evidence the input had → paragraphs, title, lists, quotes."""

from __future__ import annotations

from newsingest.reflow.lines import Line

__all__ = ["Line"]
