"""The IPTT on the page, in the donor workbook (openpyxl) and in the donor PDF (pypdf) gives
the same numbers, on the demo data."""

import io
import re
import unicodedata

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from capacity.reports import summary
from core.roles import COORDINATOR
from tests.factories import UserFactory

pytestmark = pytest.mark.slow


def clean(text):
    text = unicodedata.normalize("NFKC", str(text))
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def page_cells(html):
    """[(indicator code, actual, target, percent)] of the page's IPTT, in order, whole project last."""
    found = []
    for code, row in re.findall(r'<tr data-indicator="([^"]+)">(.*?)</tr>', html, re.S):
        for actual, target, percent in re.findall(
            r'data-actual="([^"]*)" data-target="([^"]*)" data-percent="([^"]*)"', row
        ):
            found.append((code, actual, target, percent))
    return found


def workbook_cells(content):
    book = load_workbook(io.BytesIO(content), read_only=True)
    sheet = book.worksheets[-1] if book.sheetnames[-1] != "IPTT by group" else book.worksheets[-2]
    for candidate in book.worksheets:
        first = next(candidate.iter_rows(max_row=1, values_only=True))
        if first and first[:2] == ("Code", "Indicator") and "Status" in first:
            sheet = candidate
    found = []
    for code, _name, unit, _baseline, period, target, actual, percent, _status in sheet.iter_rows(
        min_row=2, values_only=True
    ):
        if period is None:  # the note under the table
            continue
        kind = {"percent": summary.PERCENT, "points": summary.HOURS, "number": summary.HOURS}.get(unit, summary.COUNT)
        found.append(
            (
                code,
                summary.fmt(actual, kind),
                summary.fmt(target, kind),
                summary.fmt(None if percent is None else round(percent * 100, 1), summary.PERCENT),
            )
        )
    return found


def test_page_workbook_and_pdf_agree(client, demo):
    client.force_login(UserFactory(role=COORDINATOR))
    client.cookies["django_language"] = "en"
    html = client.get(reverse("reports:iptt", args=[demo.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    page = page_cells(html)
    assert len(page) >= 8 * 6  # eight indicators, five months and the whole project
    workbook = client.get(reverse("reports:excel", args=[demo.pk]), HTTP_ACCEPT_LANGUAGE="en")
    content = workbook.content if workbook["Content-Type"].startswith("application/vnd") else None
    if content is None:
        pytest.skip("the workbook is made by a background task here")
    assert workbook_cells(content) == page
    pdf = client.get(reverse("reports:pdf", args=[demo.pk]), HTTP_ACCEPT_LANGUAGE="en")
    if not pdf["Content-Type"].startswith("application/pdf"):
        pytest.skip("the PDF is made by a background task here")
    from pypdf import PdfReader

    text = clean(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf.content)).pages))
    tokens = text.split()
    # Every cell's actual, target and % appear in the PDF in the page's order.
    position = 0
    for _code, actual, target, percent in page:
        for value in (target, actual, percent):
            if value in ("", "–"):
                continue
            assert value in tokens[position:], (value, tokens[position : position + 40])
            position = tokens.index(value, position)
