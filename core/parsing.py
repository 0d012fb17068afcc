"""Strict parsing of what arrives in URLs and query strings: ids, dates, free text.

`str.isdigit()` accepts "²" and "٣", which `int()` then refuses or reads as another
number, and a year 9999 overflows date arithmetic: every view reads ids, dates and
search text through these helpers, which answer None (or the cleaned text) instead
of raising, so odd input narrows nothing rather than failing with a 500.
"""

import datetime
import re

ID = re.compile(r"[0-9]{1,18}")
FIRST_YEAR, LAST_YEAR = 1990, 2100


def parse_id(value):
    """An object id from text ("42"), or None for anything else (signs, "²", Arabic digits, huge)."""
    if value is None:
        return None
    text = str(value).strip()
    return int(text) if ID.fullmatch(text) else None


def parse_date(value):
    """An ISO date (YYYY-MM-DD) within the sane range, or None."""
    try:
        day = datetime.date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None
    return day if is_sane(day) else None


def is_sane(day):
    """True for a date within FIRST_YEAR..LAST_YEAR: programmes run now, not in year 1 or 9999."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def clean_text(value, limit=200):
    """Search text without NUL and other control characters (PostgreSQL refuses NUL), cut to limit."""
    text = "".join(ch for ch in str(value or "") if ch >= " " or ch in "\t")
    return text.strip()[:limit]
