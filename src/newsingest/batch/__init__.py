"""Batch conversion (``newsingest convert``): many inputs, isolated workers, a manifest.

The pieces are kept apart so that another engine (a cluster) can reuse the engine-free parts:

- ``inputs``: find the inputs (files, folders, archive members) and give each a stable name;
- ``convert``: the pure per-file function, ``Task`` in, ``Result`` out, never raising;
- ``outputs``: where a name's output goes (always inside OUTDIR) and atomic writes;
- ``manifest``: one JSON line per input, read back for ``--resume`` / ``--retry-failed``;
- ``runner``: plans a run, feeds an engine, records outcomes;
- ``pool``: the local engine, a process pool with timeouts, memory caps and recycling.
"""

from __future__ import annotations
