import io
import zipfile

import pytest
from django.urls import reverse

from coaching import workflow
from coaching.models import Goal, Objective, Stakeholder, SwotItem
from coaching.plans import locked_save
from tests.coaching.helpers import contains_phrase, pdf_words
from tests.factories import EngagementFactory, StrategicPlanFactory

pytestmark = pytest.mark.slow

VISION = "مجتمع محلي متماسك في الرقة يشارك أبناؤه وبناته في تنمية مدينتهم بحلول عام 2025."


@pytest.fixture
def plan(engagement):
    plan = StrategicPlanFactory(organization=engagement.organization, engagement=engagement, vision=VISION)
    SwotItem.objects.create(plan=plan, category="S", order=1, text="فريق متطوعين ملتزم من أبناء المدينة")
    SwotItem.objects.create(plan=plan, category="T", order=1, text="تقلب سعر الصرف")
    Stakeholder.objects.create(plan=plan, order=1, name="مجلس الرقة المدني", kind="authority")
    goal = Goal.objects.create(plan=plan, order=1, text="تعزيز مشاركة الشباب")
    Objective.objects.create(
        goal=goal, order=1, text="تدريب الشباب", start_year=2021, start_quarter=2, end_year=2022, end_quarter=3
    )
    return plan


def download(client, plan):
    response = client.get(reverse("coaching:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_arabic_plan_pdf_gives_back_the_words_typed(staff_client, plan):
    found, reader = pdf_words(download(staff_client, plan))
    assert "توتول" in found
    assert contains_phrase(found, "يشارك أبناؤه وبناته في تنمية مدينتهم")
    assert contains_phrase(found, "فريق متطوعين ملتزم من أبناء المدينة")
    assert "مجلس الرقة المدني" in " ".join(found)  # a table cell: extraction glues neighbouring cells
    # numbers inside Arabic text keep their order
    assert "2025" in "".join(found) and "5202" not in "".join(found)
    assert "2021–2023" in "".join(found) or "2021-2023" in "".join(found)
    # translated headings, page numbers and the draft mark
    assert contains_phrase(found, "نقاط القوة") and contains_phrase(found, "الخطة الزمنية")
    assert "صفحة" in found and contains_phrase(found, "مسودة – غير معتمدة")
    assert len(reader.pages) >= 3
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    fonts = {str(font.get("/BaseFont")) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert any("Amiri" in name for name in fonts)


def test_font_is_embedded(staff_client, plan):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(download(staff_client, plan)))
    descriptors = [
        font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        if "/DescendantFonts" in font.get_object()
        else font.get_object().get("/FontDescriptor")
        for font in reader.pages[1]["/Resources"]["/Font"].values()
    ]
    assert any(
        d is not None and ("/FontFile2" in d.get_object() or "/FontFile3" in d.get_object()) for d in descriptors
    )


def test_approved_plan_has_no_draft_mark(staff_client, plan, staff_user, coordinator_user):
    workflow.apply(plan, "submit", staff_user)
    workflow.apply(plan, "approve", coordinator_user)
    found, _reader = pdf_words(download(staff_client, plan))
    assert "مسودة" not in found and "معتمدة" in found


def test_english_plan_is_printed_left_to_right_in_english(staff_client, plan):
    plan.language = "en"
    plan.vision = "Villages where every family can rebuild a decent livelihood."
    plan.save()
    pdf = download(staff_client, plan)
    found, _reader = pdf_words(pdf)
    assert contains_phrase(found, "every family can rebuild") and "Strengths" in found and "Page" in found
    assert "Tuttul" in found  # the organisation's English name
    assert b'dir="rtl"' not in pdf


def test_revision_pdf_prints_an_earlier_version(staff_client, plan, staff_user):
    locked_save(plan, 1, staff_user, lambda: None)  # version 2 is the first revision kept here
    plan.vision = "رؤية لاحقة"
    locked_save(plan, 2, staff_user, lambda: plan.save())
    response = staff_client.get(reverse("coaching:revision_pdf", args=[plan.pk, 2]))
    found, _reader = pdf_words(response.content)
    assert contains_phrase(found, "يشارك أبناؤه وبناته") and "لاحقة" not in found
    assert staff_client.get(reverse("coaching:revision_pdf", args=[plan.pk, 99])).status_code == 404


def test_coordinator_downloads_all_plans_of_a_project_as_a_zip(client, staff_user, coordinator_user, plan):
    second = EngagementFactory(project=plan.engagement.project, organization__name_en="Nabd")
    StrategicPlanFactory(organization=second.organization, engagement=second)
    StrategicPlanFactory()  # another project's plan stays out
    url = reverse("coaching:project_plans_zip", args=[plan.engagement.project.pk])
    client.force_login(staff_user)
    assert client.get(url).status_code == 403
    client.force_login(coordinator_user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert len(names) == 2 and all(name.endswith(".pdf") for name in names)
    assert any("nabd" in name for name in names)
    found, _reader = pdf_words(archive.read([n for n in names if "tuttul" in n][0]))
    assert "توتول" in found
    assert client.get(reverse("coaching:project_plans_zip", args=[99999])).status_code == 404
