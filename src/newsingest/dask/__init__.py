"""``newsingest convert`` on a Dask cluster: ``pip install 'newsingest[dask]'``.

The batch engine's pieces run unchanged (the per-file function, the manifest, the resume rules,
the runner); this package adds the cluster engine (:mod:`.engine`), the per-worker isolation that
gives Dask tasks a hard timeout (:mod:`.isolate`), fsspec storage (:mod:`.storage`, :mod:`.remote`)
and the library entry points (:mod:`.api`). Nothing here imports ``dask`` or ``distributed``
until it is used, so ``import newsingest.dask`` works without the extra (and the absolute
imports inside always reach the real ``dask`` package, never this one).
"""

from __future__ import annotations

from newsingest.dask.api import Converted, convert, convert_file, run, start_client, to_bag

__all__ = ["Converted", "convert", "convert_file", "run", "start_client", "to_bag"]
