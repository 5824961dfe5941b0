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
