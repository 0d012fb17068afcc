"""The period the reports count, and the words that name it: one object for both.

The dashboard, its PDF and its workbook once said "from the start to today" or the
project's own dates while the figures counted every date recorded. Now every date
condition of the figures (capacity.reports.figures) and every line that names the
period (summary.period_line, for the page, the PDF and the workbook) ask the same
Period, so what is shown is what is counted: both ends included, and no end means
no limit on that side.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils.dateformat import format as date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.templatetags.pdf_text import pdf_date

DAY = "j F Y"


@dataclass(frozen=True)
class Period:
    first: datetime.date | None = None
    last: datetime.date | None = None

    @property
    def bounded(self):
        return bool(self.first or self.last)

    def q(self, name):
        """Q: the date field `name` falls in the period (both ends included)."""
        q = Q()
        if self.first:
            q &= Q(**{f"{name}__gte": self.first})
        if self.last:
            q &= Q(**{f"{name}__lte": self.last})
        return q

    def overlaps(self, start, end):
        """Q: a span from the date field `start` to the field `end` (e.g. a workshop's) meets the period."""
        q = Q()
        if self.first:
            q &= Q(**{f"{end}__gte": self.first})
        if self.last:
            q &= Q(**{f"{start}__lte": self.last})
        return q

    def straddles(self, start, end):
        """Q: a span from `start` to `end` has days both inside and outside the period."""
        q = Q()
        if self.first:
            q |= Q(**{f"{start}__lt": self.first, f"{end}__gte": self.first})
        if self.last:
            q |= Q(**{f"{start}__lte": self.last, f"{end}__gt": self.last})
        return q

    def label(self, html=False):
        """The period in words, e.g. "from 1 August 2020 to 31 December 2020", or "all dates".

        html: the dates' numbers in LTR spans, as the PDF needs inside Arabic text (WeasyPrint
        ignores unicode-bidi); the page uses the same. Otherwise plain text (the workbook).
        """
        if self.first and self.last:
            words = _("from %(first)s to %(last)s")
        elif self.first:
            words = _("from %(first)s onwards")
        elif self.last:
            words = _("up to %(last)s")
        else:
            return _("all dates")
        day = pdf_date if html else _text_day
        values = {"first": day(self.first), "last": day(self.last)}
        if html:
            return mark_safe(conditional_escape(words) % values)  # noqa: S308 - escaped words, escaped dates
        return words % values


def _text_day(value):
    return date_format(value, DAY) if value else ""
