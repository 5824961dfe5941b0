"""Batch conversion (``newsingest convert``): many inputs, isolated workers, a manifest.

One runner, two engines. The pieces, each decided once:

- ``record``: the one outcome type, :class:`~newsingest.batch.record.Record` (a manifest line);
- ``decide``: the resume / retry decision, a pure function;
- ``sources``, ``items``, ``inputs`` and ``archives``: one discovery (files, folders, archive
  members, which files a parser claims) over the local disk or an fsspec store, each input
  with a stable name;
- ``store``: one output interface, a local folder or an fsspec location (outputs, manifest);
- ``convert``: the per-file function every engine's workers run, never raising;
- ``engine``: the engine protocol and the local engine, a pebble process pool;
- ``runner``: plans a run, feeds the engine it is handed, records outcomes;
- ``cli``: the command, which wires them (and :mod:`newsingest.dask` for ``--engine dask``).
"""

from __future__ import annotations
