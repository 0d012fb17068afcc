"""The IPTT page, the donor PDF (reports:pdf, which prints the IPTT) and the donor workbook
give the same target, actual and % of target for every indicator and period, in Arabic and
in English; a value entered by hand shows in all three, and so does its project total.

The PDF is read with pypdf's layout mode, which keeps the table's columns apart (its plain
mode runs an Arabic row's numbers together: "3030100.0%"); the workbook with openpyxl.
"""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from capacity.reports import iptt, summary
from core.roles import COORDINATOR
from results.models import ManualValue, Unit
from tests.factories import UserFactory

pytestmark = pytest.mark.slow

# A figure as the IPTT prints it: a dash, a count (1,234), a decimal, a percentage.
VALUE = re.compile(r"–|\d[\d,]*(?:\.\d+)?%?")
DECEMBER = datetime.date(2020, 12, 1)
KINDS = {Unit.PERCENT: summary.PERCENT, Unit.POINTS: summary.HOURS, Unit.NUMBER: summary.HOURS}


@pytest.fixture
def project(demo):
    """The demo project, with December's networking meetings (1.2.b, entered by hand) entered as 3."""
    meetings = demo.results_framework.results.get(code="O1.2").indicators.get(code="1.2.b")
    value = ManualValue(indicator=meetings, period=DECEMBER, value=3, note="ثلاثة اجتماعات", evidence="محاضر")
    value.full_clean()
    value.save()
    return demo


@pytest.fixture
def outputs(client, project, request):
    """(language, page html, pdf bytes, xlsx bytes) of a Coordinator, in the language asked for."""
    language = request.param
    client.force_login(UserFactory(role=COORDINATOR))
    client.cookies["django_language"] = language
    page = client.get(reverse("reports:iptt", args=[project.pk]))
    pdf = client.get(reverse("reports:pdf", args=[project.pk]))
    xlsx = client.get(reverse("reports:excel", args=[project.pk]))
    assert page.status_code == pdf.status_code == xlsx.status_code == 200
    assert pdf["Content-Type"] == "application/pdf" and xlsx["Content-Type"].startswith("application/vnd")
    return language, page.content.decode(), pdf.content, xlsx.content


def expected(project):
    """{code: [(target, actual, percent)]} of compute(project): each period, then the whole project."""
    return {
        row.indicator.code: [(c.target_display, c.actual_display, c.percent_display) for c in [*row.cells, row.total]]
        for row in iptt.compute(project).rows
    }


def page_cells(html):
    found = {}
    for code, row in re.findall(r'<tr data-indicator="([^"]+)">(.*?)</tr>', html, re.S):
        cells = re.findall(r'data-actual="([^"]*)" data-target="([^"]*)" data-percent="([^"]*)"', row)
        found[code] = [(target, actual, percent) for actual, target, percent in cells]
    return found


def workbook_cells(content, language):
    with translation.override(language):
        title = gettext("IPTT")
    sheet = load_workbook(io.BytesIO(content))[title]
    found = {}
    for code, _name, unit, _baseline, period, target, actual, percent, _status in sheet.iter_rows(
        min_row=2, values_only=True
    ):
        if period is None:  # the note under the table
            continue
        kind = _unit_kind(unit, language)
        # The workbook keeps a percentage as a fraction shown with a % format.
        shown = summary.fmt(None if percent is None else round(percent * 100, 1), summary.PERCENT)
        found.setdefault(code, []).append((summary.fmt(target, kind), summary.fmt(actual, kind), shown))
    return found


def _unit_kind(label, language):
    """The figure kind of a unit named in language (the workbook writes the unit's display name)."""
    with translation.override(language):
        for value, name in Unit.choices:
            if str(name) == label:
                return KINDS.get(value, summary.COUNT)
    raise AssertionError(f"unknown unit {label!r}")


def pdf_cells(content, project, language):
    """{code: [(target, actual, percent)]} read from the PDF's IPTT rows, in their order."""
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(content)).pages
    lines = [line for page in pages for line in page.extract_text(extraction_mode="layout").splitlines()]
    rows = iptt.compute(project).rows
    wanted = len(rows[0].cells) + 1
    found = {}
    for row in rows:
        code = re.compile(rf"(?<![\w.]){re.escape(row.indicator.code)}(?![\w.])")
        start = next(i for i, line in enumerate(lines) if code.search(line))
        found[row.indicator.code] = _row_values(lines[start:], wanted, language)
    return found


def _row_values(lines, wanted, language):
    """The first `wanted` table rows from lines: three figures each, whichever way the text runs.

    A row's line holds, in the order it is drawn, target, actual and % (left to right) or
    %, actual and target (right to left), with the period's year and the baseline beside them;
    a line with fewer than three figures is a wrapped label.
    """
    values = []
    for line in lines:
        tokens = VALUE.findall(line.replace("Baseline", ""))
        if len(tokens) < 3:
            continue
        if language == "ar":
            percent, actual, target = tokens[:3]
        else:
            target, actual, percent = tokens[-3:]
        values.append((target, actual, percent))
        if len(values) == wanted:
            return values
    raise AssertionError(f"found {len(values)} of {wanted} rows")


@pytest.mark.parametrize("outputs", ["ar", "en"], indirect=True)
def test_page_pdf_and_workbook_agree_cell_by_cell(project, outputs):
    language, html, pdf, xlsx = outputs
    truth = expected(project)
    assert len(truth) == 8 and all(len(cells) == 6 for cells in truth.values())  # five months, whole project
    assert page_cells(html) == truth
    assert workbook_cells(xlsx, language) == truth
    assert pdf_cells(pdf, project, language) == truth


@pytest.mark.parametrize("outputs", ["ar", "en"], indirect=True)
def test_a_value_entered_by_hand_shows_in_all_three(project, outputs):
    """1.2.b: 1 in October, 1 in November and 3 in December against 1, 2 and 1: 5 of 4 over the project."""
    language, html, pdf, xlsx = outputs
    meetings = [
        ("–", "–", "–"),
        ("–", "–", "–"),
        ("1", "1", "100.0%"),
        ("2", "1", "50.0%"),
        ("1", "3", "300.0%"),
        ("4", "5", "125.0%"),
    ]
    assert page_cells(html)["1.2.b"] == meetings
    assert workbook_cells(xlsx, language)["1.2.b"] == meetings
    assert pdf_cells(pdf, project, language)["1.2.b"] == meetings
    # The statuses in words beside the colours: November ended at half its target.
    with translation.override(language):
        met, off_track = str(iptt.MET.label), str(iptt.OFF_TRACK.label)
        sheet = load_workbook(io.BytesIO(xlsx))[gettext("IPTT")]
    statuses = [row[8] or "" for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == "1.2.b"]
    assert statuses == ["", "", met, off_track, met, met]
