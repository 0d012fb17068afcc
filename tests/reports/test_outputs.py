"""The page, the PDF and the workbook give the same numbers for the demo data."""

import io
import re
import unicodedata

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.slow


def clean(text):
    text = unicodedata.normalize("NFKC", str(text))
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def page_figures(html):
    """{key: text} of the headline figures of the page (the data-figure elements)."""
    return dict(re.findall(r'data-figure="([\w]+)">([^<]*)<', html))


def page_labels(html):
    """{key: label} read from the page's figure cards."""
    cards = re.findall(
        r'<div class="fw-semibold">([^<]*)</div>\s*<div[^>]*>\s*<span class="stat ltr" data-figure="(\w+)"', html
    )
    return {key: clean(label.strip()) for label, key in cards}


def number(text):
    return float(str(text).replace(",", "").replace("%", ""))


def pdf_lines(pdf_bytes):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_bytes))
    return [clean(line).strip() for page in reader.pages for line in (page.extract_text() or "").splitlines()]


def workbook_figures(xlsx_bytes):
    ws = load_workbook(io.BytesIO(xlsx_bytes))["الملخص"]
    assert ws.sheet_view.rightToLeft
    rows = {}
    for label, value, target, _note in ws.iter_rows(min_col=1, max_col=4):
        if label.value and (value.value is None or isinstance(value.value, (int, float))):
            # A percentage is stored as a fraction and shown by its format (0.853 -> 85.3%).
            shown = value.value * 100 if value.value is not None and value.number_format.endswith("%") else value.value
            rows[clean(label.value)] = (shown, target.value)
    return rows


@pytest.fixture
def outputs(demo, coordinator_client):
    dashboard = reverse("reports:dashboard", args=[demo.pk])
    html = coordinator_client.get(dashboard).content.decode()
    pdf = coordinator_client.get(reverse("reports:pdf", args=[demo.pk]))
    xlsx = coordinator_client.get(reverse("reports:excel", args=[demo.pk]))
    assert pdf.status_code == 200 and xlsx.status_code == 200
    return html, pdf.content, xlsx.content


def test_page_pdf_and_workbook_agree_on_the_demo_data(demo, outputs):
    html, pdf, xlsx = outputs
    figures, labels = page_figures(html), page_labels(html)
    assert len(figures) >= 20 and set(figures) == set(labels)
    # the demo programme: 30 trainees from 15 organisations, four coaching days each
    assert figures["trainees"] == "30" and figures["organizations"] == "15" and figures["coaching_days"] == "60"
    lines = pdf_lines(pdf)
    sheet = workbook_figures(xlsx)
    for key, text in figures.items():
        label = labels[key]
        # PDF: the row of the figure reads label, then the value (then the target and the note)
        row = [line for line in lines if line.startswith(label)]
        assert any(line[len(label) :].startswith(text) for line in row), (key, label, text, row)
        # workbook: the same value, as a number
        value, _target = sheet[label]
        if text == "–":
            assert value is None
        else:
            assert isinstance(value, (int, float)) and value == pytest.approx(number(text)), (key, value, text)


def test_workbook_tables_add_up_to_the_totals(demo, outputs):
    html, _pdf, xlsx = outputs
    figures = page_figures(html)
    book = load_workbook(io.BytesIO(xlsx))
    # Then the trainees by group and the IPTT (issue 18, tests/results/test_outputs.py).
    assert book.sheetnames[:4] == ["الملخص", "المناطق", "المنظمات", "أجندة الإرشاد"]
    regions = list(book["المناطق"].iter_rows(min_row=2, values_only=True))
    assert sum(row[2] for row in regions) == number(figures["trainees"])
    assert sum(row[5] for row in regions) == number(figures["participations"])
    organisations = list(book["المنظمات"].iter_rows(min_row=2, values_only=True))
    assert len(organisations) == 15 and sum(row[2] for row in organisations) == number(figures["trainees"])
    assert all(book[name].sheet_view.rightToLeft for name in book.sheetnames)


def test_pdf_keeps_arabic_words_and_numbers_in_order(demo, outputs):
    _html, pdf, _xlsx = outputs
    text = " ".join(pdf_lines(pdf))
    assert "تقرير البرنامج" in text and "مشروع بناء قدرات المنظمات المحلية" in text
    assert "CB-2020" in text and "0202-BC" not in text
    assert "توتول" in text and "ريف دير الزور" in text
    assert "صفحة" in text


def test_english_workbook_reads_left_to_right(demo, coordinator_client):
    coordinator_client.cookies["django_language"] = "en"
    xlsx = coordinator_client.get(reverse("reports:excel", args=[demo.pk])).content
    book = load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames[0] == "Summary" and not book["Summary"].sheet_view.rightToLeft


def test_query_count_is_bounded_on_the_demo_data(demo, coordinator_client, django_assert_max_num_queries):
    # About 20 for the figures, and the IPTT's (a few per reporting period: the demo has five months).
    with django_assert_max_num_queries(55):
        response = coordinator_client.get(reverse("reports:dashboard", args=[demo.pk]))
    assert response.status_code == 200
