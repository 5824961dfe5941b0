"""Repair: small pure named steps that fix damaged text, run in order and logged."""

from __future__ import annotations

from newsingest.repair.pipeline import RepairPipeline, RepairStep, replay

__all__ = ["RepairPipeline", "RepairStep", "replay"]
