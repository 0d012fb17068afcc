"""Benchmark: render a full strategic plan (5 goals x 4 objectives, 20 SWOT items, 10 partners) to PDF.

    BENCH_SCALE=1 .venv/bin/pytest tests/bench/test_plan_pdf.py -m bench -s

Set BENCH_PDF_OUT=/tmp/plan.pdf to keep the PDF. Prints seconds, peak Python memory (tracemalloc), pages and queries. The goal
is under 2 s; timings are printed, never asserted.
"""

import io
import os
import time
import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coaching.models import Goal, Objective, PlanValue, Stakeholder, SwotItem
from coaching.plans import plan_queryset, render_plan_pdf, snapshot
from tests.factories import StrategicPlanFactory

pytestmark = [pytest.mark.bench, pytest.mark.slow]

SCALE = float(os.environ.get("BENCH_SCALE", "0.01"))


def sized(full):
    return max(1, round(full * SCALE))


def full_plan():
    plan = StrategicPlanFactory(
        organization__name_ar="توتول",
        years=5,
        vision="مجتمع محلي متماسك في الرقة يشارك أبناؤه وبناته في تنمية مدينتهم بحلول عام 2025.",
        mission="تعمل المنظمة مع الشباب والنساء على إحياء الحياة المدنية. " * 4,
        achievements="نفذت المنظمة 12 مبادرة مجتمعية ودربت 240 شاباً وشابة. " * 5,
        me_reviewed="تقدم الأهداف ومؤشراتها، وصرف الموازنة.",
        me_frequency="ربعية",
        me_by_whom="لجنة المتابعة",
    )
    for i in range(5):
        PlanValue.objects.create(plan=plan, order=i, text=f"قيمة رقم {i + 1}")
    for i in range(sized(10)):
        Stakeholder.objects.create(
            plan=plan, order=i, name=f"شريك رقم {i + 1}", kind="partner", role="التمويل والتدريب"
        )
    for i in range(sized(20)):
        SwotItem.objects.create(plan=plan, order=i, category="SWOT"[i % 4], text=f"بند التحليل الرباعي رقم {i + 1}")
    for g in range(sized(5)):
        goal = Goal.objects.create(plan=plan, order=g, text=f"الهدف الاستراتيجي رقم {g + 1}")
        for o in range(sized(4)):
            start = 2021 + (g + o) % 4
            Objective.objects.create(
                goal=goal,
                order=o,
                text=f"الهدف الفرعي {g + 1}.{o + 1}: تدريب 150 شاباً وشابة",
                indicator="عدد المتدربين",
                baseline="60",
                target="150",
                responsible="منسقة المشاريع",
                start_year=start,
                start_quarter=1 + o % 4,
                end_year=min(start + 1, 2025),
                end_quarter=4,
            )
    return plan


@pytest.mark.django_db
def test_render_full_plan_pdf():
    from pypdf import PdfReader

    plan = full_plan()
    render_plan_pdf(snapshot(plan_queryset().get(pk=plan.pk)))  # warm up fonts and templates
    # Timed without tracemalloc (it slows Python down several times), then once more for memory.
    started, cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as queries:
        data = snapshot(plan_queryset().get(pk=plan.pk))
    pdf = render_plan_pdf(data)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    tracemalloc.start()
    render_plan_pdf(snapshot(plan_queryset().get(pk=plan.pk)))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    objectives = sum(len(g["objectives"]) for g in data["goals"])
    print(
        f"\nplan PDF: scale {SCALE}, {len(data['goals'])} goals, {objectives} objectives, "
        f"{sum(len(v) for v in data['swot'].values())} SWOT items, {len(data['stakeholders'])} partners: "
        f"{seconds:.2f} s ({cpu_seconds:.2f} s CPU), peak {peak / 1e6:.1f} MB, {pages} pages, {len(pdf) / 1024:.0f} KiB, "
        f"{len(queries.captured_queries)} queries"
    )
    if os.environ.get("BENCH_PDF_OUT"):  # keep the PDF to look at it
        with open(os.environ["BENCH_PDF_OUT"], "wb") as out:
            out.write(pdf)
    assert pdf.startswith(b"%PDF") and pages >= 3
    assert len(queries.captured_queries) <= 8
