"""The reporting periods of a project: calendar quarters or months, clipped to its dates.

A period is named by the first day of its calendar quarter or month (Target.period and
ManualValue.period store that day); the first and last period of a project are cut to
the project's start and end, so that a period never counts a day outside the project.
Quarters are calendar quarters (January-March is Q1), as donors' reports are.
"""

import datetime
from dataclasses import dataclass

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

QUARTER, MONTH = "quarter", "month"


@dataclass(frozen=True)
class ReportingPeriod:
    key: datetime.date  # the first day of the calendar quarter or month
    first: datetime.date  # the first day counted (the project's start in its first period)
    last: datetime.date  # the last day counted (the project's end in its last period)
    kind: str

    @property
    def label(self):
        if self.kind == QUARTER:
            return _("Q%(quarter)d %(year)d") % {"quarter": (self.key.month - 1) // 3 + 1, "year": self.key.year}
        return date_format(self.key, "F Y")

    def ended(self, today):
        return self.last < today

    def started(self, today):
        return self.first <= today


def period_start(day, kind):
    """The key (first day of the calendar quarter or month) of the period holding day."""
    if kind == QUARTER:
        return datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return datetime.date(day.year, day.month, 1)


def _next(key, kind):
    months = 3 if kind == QUARTER else 1
    month = key.month - 1 + months
    return datetime.date(key.year + month // 12, month % 12 + 1, 1)


def project_periods(start, end, kind):
    """The ReportingPeriods from start to end (both included), in order."""
    periods = []
    if start is None or end is None or end < start:
        return periods
    key = period_start(start, kind)
    while key <= end:
        following = _next(key, kind)
        periods.append(ReportingPeriod(key, max(key, start), min(following - datetime.timedelta(days=1), end), kind))
        key = following
    return periods
