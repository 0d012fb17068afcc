"""Strict parsing of ids, dates and search text from URLs (core.parsing)."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from core.parsing import clean_text, parse_date, parse_id


def test_ids_are_ascii_digits_only():
    assert parse_id("42") == 42
    assert parse_id(" 7 ") == 7
    for odd in ("²", "٣", "-1", "+1", "1.0", "", None, "9" * 40, "1e3", "0x10"):
        assert parse_id(odd) is None, odd


def test_dates_outside_the_sane_range_are_refused():
    assert parse_date("2020-08-31") == datetime.date(2020, 8, 31)
    for odd in ("9999-12-25", "0001-01-01", "2020-02-30", "31/08/2020", "", None, "２０２０-01-01"):
        assert parse_date(odd) is None, odd


def test_search_text_loses_nul_and_control_characters():
    assert clean_text("أحمد\x00 علي\x07") == "أحمد علي"


@given(st.text())
def test_parsers_never_raise(text):
    parse_id(text)
    parse_date(text)
    assert "\x00" not in clean_text(text)
