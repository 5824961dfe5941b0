from __future__ import annotations

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


def _dask_missing() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return True
    return False


# Without the dask extra (README command 2 installs only the test extra) the cluster engine's
# tests are not collected at all, instead of showing up as a skipped test; CI runs them after
# installing the extra (`pytest tests/test_dask.py`).
collect_ignore = ["test_dask.py"] if _dask_missing() else []
