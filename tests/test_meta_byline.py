"""Bylines and dates found in text → authors and ISO dates."""

from __future__ import annotations

import pytest

from newsingest.meta import find_date, parse_byline, parse_date


@pytest.mark.parametrize(
    ("line", "authors", "published"),
    [
        ("By Maria Alvarez", ("Maria Alvarez",), None),
        ("BY MARIA ALVAREZ | March 24, 2026", ("Maria Alvarez",), "2026-03-24"),
        ("By Sophie Laurent · December 1, 2026", ("Sophie Laurent",), "2026-12-01"),
        ("James O'Connor — November 10, 2023", ("James O'Connor",), "2023-11-10"),
        ("By Ann Lee and Bo Diaz", ("Ann Lee", "Bo Diaz"), None),
        ("By JAMES O'CONNOR | February 19, 2026", ("James O'Connor",), "2026-02-19"),
        ("By Maria Alvarez, Staff Writer", ("Maria Alvarez",), None),
    ],
)
def test_bylines(line: str, authors: tuple[str, ...], published: str | None) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.authors == authors
    assert byline.published == published


@pytest.mark.parametrize("line", [
    "North Korean Troops in Russia",
    "By the way, the troops were moving that direction.",
    "Pentagon Press Secretary Sabrina Singh",
    "",
    "x" * 500,
])
def test_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


def test_dates() -> None:
    assert parse_date("March 24, 2026") == "2026-03-24"
    assert parse_date("2026-03-24") == "2026-03-24"
    assert parse_date("Tuesday") is None
    assert find_date("Updated on 5 May 2025 at noon") == "2025-05-05"
    assert find_date("10,000 troops") is None
