"""Reporting periods: calendar quarters or months, cut to the project's dates."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from results.periods import MONTH, QUARTER, period_start, project_periods

D = datetime.date


def test_quarters_are_calendar_quarters_cut_to_the_project():
    periods = project_periods(D(2020, 8, 1), D(2021, 2, 15), QUARTER)
    assert [(p.key, p.first, p.last) for p in periods] == [
        (D(2020, 7, 1), D(2020, 8, 1), D(2020, 9, 30)),
        (D(2020, 10, 1), D(2020, 10, 1), D(2020, 12, 31)),
        (D(2021, 1, 1), D(2021, 1, 1), D(2021, 2, 15)),
    ]
    assert str(periods[0].label).endswith("2020")


def test_months():
    periods = project_periods(D(2020, 8, 10), D(2020, 12, 31), MONTH)
    assert [p.key.month for p in periods] == [8, 9, 10, 11, 12]
    assert periods[0].first == D(2020, 8, 10)


def test_an_inverted_project_has_no_period():
    assert project_periods(D(2021, 1, 1), D(2020, 1, 1), MONTH) == []


@given(
    start=st.dates(D(2018, 1, 1), D(2030, 12, 31)),
    days=st.integers(0, 1500),
    kind=st.sampled_from([QUARTER, MONTH]),
)
def test_periods_cover_every_day_of_the_project_once(start, days, kind):
    end = start + datetime.timedelta(days=days)
    periods = project_periods(start, end, kind)
    assert periods[0].first == start and periods[-1].last == end
    for before, after in zip(periods, periods[1:], strict=False):
        assert after.first == before.last + datetime.timedelta(days=1)
    for period in periods:
        assert period_start(period.first, kind) == period.key == period_start(period.last, kind)
