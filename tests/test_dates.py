"""Arabic dates use the Levantine month names of CLDR's ar_SY."""

import datetime

import pytest
from babel import Locale
from django.template import Context, Template
from django.utils import translation

LEVANTINE = Locale.parse("ar_SY").months["format"]["wide"]


@pytest.mark.parametrize("month", range(1, 13))
def test_arabic_month_names_are_levantine(month):
    day = datetime.date(2020, month, 25)
    with translation.override("ar"):
        shown = Template("{{ d|date:'j F Y' }}").render(Context({"d": day}))
    assert shown == f"25 {LEVANTINE[month]} 2020"


def test_the_field_report_months():
    with translation.override("ar"):
        text = Template("{{ a|date }} – {{ b|date }}").render(
            Context({"a": datetime.date(2020, 8, 25), "b": datetime.date(2020, 12, 31)})
        )
    assert "آب" in text and "كانون الأول" in text
    assert "أغسطس" not in text and "ديسمبر" not in text


def test_english_dates_stay_english():
    with translation.override("en"):
        assert Template("{{ d|date }}").render(Context({"d": datetime.date(2020, 8, 25)})) == "25 August 2020"


def test_short_dates_carry_no_hidden_marks():
    with translation.override("ar"):
        shown = Template("{{ d|date:'SHORT_DATE_FORMAT' }}").render(Context({"d": datetime.date(2020, 8, 5)}))
    assert shown == "2020-08-05"
