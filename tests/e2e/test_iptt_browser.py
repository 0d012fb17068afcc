"""A coordinator reads the IPTT of the demo project in real Chromium, on a phone and on a
laptop, in Arabic and in English: the page never scrolls sideways (the table scrolls in its
own box), an off-track cell says so with its icon and words (not colour alone), the numbers
are capacity.reports.iptt.compute's, and the donor workbook reached from it holds the same.

IPTT_SCREENSHOTS=/some/folder saves a full-page screenshot of each run there.
"""

import io
import os

import pytest
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from capacity.reports import iptt
from core.roles import COORDINATOR
from tests.e2e.conftest import PHONE, login
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 800}

# Each IPTT cell of the page: its indicator, the figures it carries and what a reader sees.
CELLS_JS = """() => [...document.querySelectorAll('tr[data-indicator]')].flatMap(tr =>
  [...tr.querySelectorAll('td[data-actual]')].map(td => ({
    code: tr.dataset.indicator, actual: td.dataset.actual, target: td.dataset.target,
    percent: td.dataset.percent, text: td.innerText, css: td.className,
  })))"""


@pytest.fixture
def demo_project(transactional_db):
    from capacity.programme.demo import load_demo
    from trainings.models import Project

    load_demo()
    UserFactory(username="iptt-reader", role=COORDINATOR)
    return Project.objects.get(code="CB-2020")


def expected_cells(project):
    """[(code, actual, target, percent, status)] of compute(project), in the page's order."""
    found = []
    for _result, rows in iptt.compute(project).results:  # the page's order: grouped by result
        for row in rows:
            for cell in [*row.cells, row.total]:
                found.append(
                    (row.indicator.code, cell.actual_display, cell.target_display, cell.percent_display, cell.status)
                )
    return found


def open_iptt(new_page, live_server, project, language, viewport):
    page = new_page(viewport=viewport, locale=language)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    login(page, live_server, "iptt-reader")
    page.goto(f"{live_server.url}/reports/projects/{project.pk}/iptt/")
    page.wait_for_selector("table[data-iptt]")
    return page


def assert_no_sideways_scroll(page, viewport):
    """The document is no wider than the screen; a table wider than it scrolls inside its wrapper."""
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('table[data-iptt]')].map(t => {
             const box = t.parentElement, style = getComputedStyle(box);
             return {wrapper: box.classList.contains('table-responsive'), overflow: style.overflowX,
                     scroll: box.scrollWidth, client: box.clientWidth, focusable: box.tabIndex === 0,
                     right: box.getBoundingClientRect().right, left: box.getBoundingClientRect().left};
           })"""
    )
    assert boxes, "no IPTT table on the page"
    for box in boxes:
        assert box["wrapper"] and box["overflow"] == "auto" and box["focusable"], box
        assert box["left"] >= 0 and box["right"] <= viewport["width"] + 0.5, box
    if viewport == PHONE:
        # Five months and the whole project do not fit in 360 px: the wrapper scrolls, the page does not.
        wide = [box for box in boxes if box["scroll"] > box["client"]]
        assert wide, boxes
        wrapper = page.locator(".table-responsive:has(table[data-iptt])").first
        before = wrapper.evaluate("el => el.scrollLeft")
        wrapper.evaluate(
            "el => el.scrollBy({left: el.scrollWidth * (getComputedStyle(el).direction === 'rtl' ? -1 : 1)})"
        )
        assert wrapper.evaluate("el => el.scrollLeft") != before
        assert page.evaluate("window.scrollX") == 0


def assert_status_not_by_colour_alone(page, cells, language):
    """Every cell with a % shows its icon; an off-track one carries the words too, and the legend names it."""
    with translation.override(language):
        off_words = str(iptt.OFF_TRACK.label)
    off = [cell for cell in cells if "iptt-off" in cell["css"]]
    assert off, "the demo's 2020 project should have a period behind its target"
    for cell in off:
        assert iptt.OFF_TRACK.icon in cell["text"] and cell["percent"] in cell["text"], cell
    # The icon is drawn (not hidden), and the words are there for a screen reader.
    icons = page.locator("td.iptt-off .iptt-status > span[aria-hidden=true]")
    assert icons.count() == len(off)
    assert all(icons.nth(i).is_visible() and icons.nth(i).inner_text() == "✗" for i in range(icons.count()))
    words = page.locator("td.iptt-off .iptt-status .visually-hidden")
    assert [words.nth(i).text_content() for i in range(words.count())] == [off_words] * len(off)
    legend = page.locator(".iptt-legend .iptt-off")
    assert legend.is_visible() and legend.inner_text().split() == [iptt.OFF_TRACK.icon, *off_words.split()]


def assert_numbers_are_computes(cells, project):
    expected = expected_cells(project)
    shown = [(c["code"], c["actual"], c["target"], c["percent"]) for c in cells]
    assert shown == [row[:4] for row in expected]
    for cell, (_code, actual, target, percent, status) in zip(cells, expected, strict=True):
        # What the eye reads: "actual / target", then the % with its status icon.
        assert f"{actual} / {target}" in cell["text"], cell
        if status is not iptt.NO_TARGET:
            assert status.css in cell["css"] and status.icon in cell["text"] and percent in cell["text"], cell


def download_workbook(page, live_server, project):
    """From the IPTT page to the dashboard (the IPTT page has no download of its own), then its workbook."""
    page.click(f'main a[href="/reports/projects/{project.pk}/"]')
    page.wait_for_url(f"{live_server.url}/reports/projects/{project.pk}/")
    with page.expect_download() as info:
        page.click(f'main a[href^="/reports/projects/{project.pk}/report.xlsx"]')
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as file:
        return load_workbook(io.BytesIO(file.read()))


def assert_workbook_has_the_actuals(book, project, language):
    with translation.override(language):
        title = gettext("IPTT")
        expected = [
            (row.indicator.code, str(cell.label), cell.actual, cell.percent)
            for row in iptt.compute(project).rows
            for cell in [*row.cells, row.total]
        ]
    rows = [row for row in book[title].iter_rows(min_row=2, values_only=True) if row[4] is not None]
    assert len(rows) == len(expected)
    for found, (code, label, actual, percent) in zip(rows, expected, strict=True):
        assert (found[0], found[4]) == (code, label)
        assert found[6] == (None if actual is None else pytest.approx(actual)), (found, actual)
        assert found[7] == (None if percent is None else pytest.approx(percent / 100)), (found, percent)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1366px"])
@pytest.mark.parametrize("language", ["ar", "en"])
def test_coordinator_reads_the_iptt(new_page, live_server, demo_project, language, viewport):
    page = open_iptt(new_page, live_server, demo_project, language, viewport)
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    assert page.evaluate("document.documentElement.lang") == language
    if folder := os.environ.get("IPTT_SCREENSHOTS"):  # before the check below scrolls a table
        page.screenshot(path=os.path.join(folder, f"iptt-{language}-{viewport['width']}.png"), full_page=True)
    assert_no_sideways_scroll(page, viewport)

    cells = page.evaluate(CELLS_JS)
    assert len(cells) == 8 * 6  # eight indicators; five months and the whole project
    assert_numbers_are_computes(cells, demo_project)
    assert_status_not_by_colour_alone(page, cells, language)

    book = download_workbook(page, live_server, demo_project)
    assert all(bool(book[name].sheet_view.rightToLeft) == (language == "ar") for name in book.sheetnames)
    assert_workbook_has_the_actuals(book, demo_project, language)
