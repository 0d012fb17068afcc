"""No URL answers 500, whatever its query string: odd ids, dates, NUL, huge years (issue 13).

Hypothesis fills the query parameters each page reads (its filter form's fields, the
ids a link pre-fills) with hostile text, as an administrator who may open every page.
The budget is small in CI (FUZZ_EXAMPLES, default 15 per page) and large on demand:
`make fuzz` runs 300 per page.
"""

import os

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.urlwalk import all_urls

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
PARAMS = [
    "q", "page", "organization", "region", "project", "phase", "workshop", "engagement", "room", "day",
    "week", "date_from", "date_to", "status", "kind", "gender", "active", "follow_up", "centre", "topic",
    "start_date__year", "start_date__month", "date__year", "o", "p", "e",
]  # fmt: skip
HOSTILE = st.one_of(
    st.sampled_from(
        ["²", "٣", "-1", "0", "9" * 30, "9999-12-25", "0001-01-01", "2020-02-30", "\x00", "a\x00b", "%00", "' or 1=1"]
    ),
    st.text(max_size=30),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.dates().map(lambda d: d.isoformat()),
)
QUERIES = st.dictionaries(st.sampled_from(PARAMS), HOSTILE, max_size=4)


def _pages():
    """The GET pages without a parameter in their path (lists, forms, dashboards), as paths."""
    return sorted({path for name, path in all_urls() if "1" not in path and not name.startswith("admin:")})


def _admin_lists():
    return ["/admin/organizations/person/", "/admin/trainings/workshop/", "/admin/trainings/session/"]


@pytest.fixture
def admin_browser(db, django_db_blocker):
    from tests.factories import UserFactory

    user = UserFactory(username="fuzz", is_staff=True, is_superuser=True)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.slow
@pytest.mark.parametrize("path", _pages() + _admin_lists())
def test_no_query_string_makes_a_page_fail(admin_browser, path):
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(query=QUERIES)
    def check(query):
        response = admin_browser.get(path, query)
        assert response.status_code < 500, (path, query, response.status_code)

    check()
