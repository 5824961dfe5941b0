"""``newsingest convert`` on a Dask cluster: ``pip install 'newsingest[dask]'``.

The batch runner runs unchanged (discovery, the per-file function, the store, the manifest, the
resume rules); this package adds the cluster engine (:mod:`.engine`: Dask tasks that convert in
a pebble pool of the Dask worker, for a hard timeout) and the library entry points
(:mod:`.api`). Nothing here imports ``dask`` or ``distributed`` until it is used, so
``import newsingest.dask`` works without the extra (and the absolute imports inside always
reach the real ``dask`` package, never this one).
"""

from __future__ import annotations

from newsingest.dask.api import Converted, convert, convert_file, run, start_client, to_bag

__all__ = ["Converted", "convert", "convert_file", "run", "start_client", "to_bag"]
