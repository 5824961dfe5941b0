"""Repair: small pure named steps that fix damaged text, run in order and logged."""

from __future__ import annotations

from newsingest.repair.pipeline import RepairPipeline, RepairStep, TextOrigin, replay

__all__ = ["RepairPipeline", "RepairStep", "TextOrigin", "replay"]
