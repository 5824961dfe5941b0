from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from newsingest import plugins


@pytest.fixture
def fresh_plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Reload plugins from scratch for this test and again afterwards."""
    plugins.reset()
    yield
    monkeypatch.undo()
    plugins.reset()


@pytest.fixture
def capture_child_crashes(request: pytest.FixtureRequest) -> Iterator[None]:
    """Send the fault dumps of worker processes this test crashes on purpose (segfaults) to the
    test's captured stderr, not the terminal.

    pytest's faulthandler writes to a copy of the terminal's stderr that forked workers inherit,
    so every deliberate segfault printed a "Fatal Python error" stack into the test run. During
    the test it writes to fd 2 (captured, shown only if the test fails); afterwards to pytest's
    copy again, so outside these tests a crash of the test process is still reported.
    """
    import faulthandler

    was_enabled = faulthandler.is_enabled()
    faulthandler.enable(file=2)  # fd 2, which pytest's capture redirects
    yield
    faulthandler.disable()
    if was_enabled:
        try:
            from _pytest.faulthandler import fault_handler_stderr_fd_key

            faulthandler.enable(file=request.config.stash[fault_handler_stderr_fd_key])
        except (ImportError, KeyError):
            faulthandler.enable()


def _missing(*modules: str) -> bool:
    import importlib.util

    try:
        return any(importlib.util.find_spec(name) is None for name in modules)
    except ImportError:  # a parent package is missing
        return True


# Without the dask extra (README command 2 installs only the test extra) the cluster engine's
# tests are not collected at all, instead of showing up as a skipped test; CI runs them after
# installing the extra (`pytest tests/test_dask.py`). The same for object storage without the
# test-s3 extra, unless NEWSINGEST_REQUIRE_S3=1 (.ci/run), where a missing package must fail.
collect_ignore = ["test_dask.py"] if _missing("distributed") else []
if os.environ.get("NEWSINGEST_REQUIRE_S3") != "1" and _missing("moto.server", "s3fs"):
    collect_ignore.append("test_s3.py")
