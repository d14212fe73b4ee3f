"""The Japanese fiscal year (April to March), used by every app's figures."""

from datetime import date


def fiscal_year_of(day: date) -> int:
    """2026-03-31 is FY2025, 2026-04-01 FY2026."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_bounds(year: int) -> tuple[date, date]:
    """First day of the fiscal year and first day of the next one."""
    return date(year, 4, 1), date(year + 1, 4, 1)
