"""Calendar arithmetic for project schedules (months, not days: agreements speak in months)."""

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def first_of_next_month(day: date) -> date:
    return add_months(day.replace(day=1), 1)


def period_end(start: date, months: int) -> date:
    """The last day of a period of `months` beginning on `start`."""
    return add_months(start, months) - timedelta(days=1)
