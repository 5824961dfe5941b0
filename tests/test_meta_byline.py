"""Bylines and dates found in text → authors and ISO dates."""

from __future__ import annotations

import pytest

from newsingest.meta import Byline, find_date, parse_byline, parse_date


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
        ("By Dr Marna van der Merwe, Erik van Vulpen", ("Dr Marna van der Merwe",
                                                         "Erik van Vulpen"), None),
        ("By Dr. Smith", ("Dr. Smith",), None),
        # a date after the names with only a comma (a press release's "By X, May 23, 2021")
        ("By Aubrey Moore, May 23, 2021", ("Aubrey Moore",), "2021-05-23"),
        ("By Ann Lee, Bo Diaz, 4 March 2024", ("Ann Lee", "Bo Diaz"), "2024-03-04"),
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
    "By Jane Doe, Shipping Expert",  # a role is not a second author
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


@pytest.mark.parametrize("text", ["March 2024", "2024", "2024-03", "Feb. 2023", "March 24"])
def test_dates_without_a_day_or_year_are_not_guessed(text: str) -> None:
    # they came out as the first of the month (or January 1st): a date the text never gave
    assert parse_date(text) is None
    assert find_date(f"Updated {text}") is None


def test_byline_with_a_month_only_keeps_the_authors_and_no_date() -> None:
    byline = parse_byline("By Jane Doe | March 2024")
    assert byline == Byline(("Jane Doe",), None)
    assert parse_byline("By Jane Doe | March 5, 2024") == Byline(("Jane Doe",), "2024-03-05")
