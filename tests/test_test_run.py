"""The test run itself stays readable (issue 15): deliberately crashed workers print no fault
stacks, and without the dask extra the dask tests are not reported as skipped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parent


def pytest_run(*args: str, prelude: str = "") -> subprocess.CompletedProcess[str]:
    code = f"import sys, pytest\n{prelude}\nsys.exit(pytest.main({list(args)!r}))"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    return subprocess.run([sys.executable, "-c", code], cwd=TESTS.parent, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_segfaulting_workers_print_no_fatal_error_stacks() -> None:
    test = "test_batch_parts.py::test_pool_survives_hangs_exits_and_segfaults"
    run = pytest_run("-q", "-p", "no:cacheprovider", f"{TESTS}/{test}")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout
    assert "Fatal Python error" not in run.stdout + run.stderr


def test_without_the_dask_extra_no_dask_test_is_skipped() -> None:
    # what README command 2 installs: no distributed, no dask
    blocked = "sys.modules['distributed'] = None; sys.modules['dask'] = None"
    run = pytest_run("-q", "-rs", "-p", "no:cacheprovider", "--co", str(TESTS),
                     prelude=blocked)
    assert run.returncode == 0, run.stdout + run.stderr
    summary = run.stdout.strip().splitlines()[-1]
    assert "test_dask.py" not in run.stdout and "skipped" not in summary, summary
