"""Benchmark: a project's flat attendance export, side by side with django-import-export and the floor.

    BENCH_SCALE=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/cap_excel \\
        .venv/bin/pytest tests/bench/test_excel_export.py -m bench -s

On the dataset of capacity.programme.build_programme(BENCH_SCALE) (250,000 marks at 1),
prints seconds and peak Python memory (tracemalloc) of:
  (a) this export: rows streamed from the database (values_list().iterator(),
      a server-side cursor on PostgreSQL) into XlsxWriter constant_memory;
  (b) django-import-export exporting the same rows with a plain ModelResource
      (tablib dataset, then its XLSX format);
  (c) the floor: the same rows, already in memory, written straight with
      XlsxWriter constant_memory (typed calls, no checks).
Seconds are the best of BENCH_REPEAT (default 2) plain runs, (a) and (c)
interleaved so that a busy machine weighs on both alike; the peak comes from
one more run under tracemalloc (which slows Python down). Timings are printed,
never asserted.
"""

import gc
import os
import tempfile
import time
import tracemalloc

import openpyxl
import pytest
from django.db import connection
from django.utils import translation
from import_export import fields, resources
from import_export.formats.base_formats import XLSX

from capacity.programme import build_programme as build
from core.excel import DATE_FORMAT, open_workbook
from trainings.excel import exports
from trainings.models import Attendance

pytestmark = [pytest.mark.bench, pytest.mark.slow]

SCALE = float(os.environ.get("BENCH_SCALE", "0.01"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "2"))
# (b) takes longest by far; BENCH_SKIP_B=1 leaves it out when only (a) and (c) are wanted.
SKIP_B = os.environ.get("BENCH_SKIP_B") == "1"


class PlainAttendanceResource(resources.ModelResource):
    """The same eleven columns, the way a django-import-export user would declare them."""

    project = fields.Field(attribute="session__workshop__project__name_ar", column_name="project")
    phase = fields.Field(attribute="session__workshop__phase__number", column_name="phase")
    workshop = fields.Field(attribute="session__workshop__title", column_name="workshop")
    topic = fields.Field(attribute="session__topic__name_ar", column_name="topic")
    date = fields.Field(attribute="session__date", column_name="date")
    hours = fields.Field(attribute="session__hours", column_name="hours")
    person = fields.Field(attribute="person__full_name", column_name="person")
    gender = fields.Field(attribute="person__gender", column_name="gender")
    organization = fields.Field(attribute="person__organization__name_ar", column_name="organisation")
    region = fields.Field(attribute="person__organization__region__name_ar", column_name="region")
    status = fields.Field(attribute="status", column_name="status")

    class Meta:
        model = Attendance
        fields = (
            "project",
            "phase",
            "workshop",
            "topic",
            "date",
            "hours",
            "person",
            "gender",
            "organization",
            "region",
            "status",
        )


def run_a(project, path):
    workbook = open_workbook(path, constant_memory=True)
    count = exports.write_flat(workbook, exports.flat_rows(project, exports.flat_queryset(project)))
    workbook.close()
    return count


def run_b(project, path):
    queryset = Attendance.objects.filter(session__workshop__project=project).select_related(
        "session__workshop__project", "session__workshop__phase", "session__topic", "person__organization__region"
    )
    dataset = PlainAttendanceResource().export(queryset=queryset)
    with open(path, "wb") as out:
        out.write(XLSX().export_data(dataset))
    return dataset.height


def run_c(rows, path):
    """The floor: the same typed calls as the export, with no check at all."""
    workbook = open_workbook(path, constant_memory=True)
    sheet = workbook.add_worksheet("Attendance")
    date_format = workbook.add_format({"num_format": DATE_FORMAT})
    sheet.write_row(0, 0, exports.flat_headers())
    text, number, day = sheet.write_string, sheet.write_number, sheet.write_datetime
    for r, (project, phase, title, topic, date, hours, name, gender, org, region, status, remark, agenda) in enumerate(
        rows, 1
    ):
        text(r, 0, project)
        text(r, 1, phase)
        text(r, 2, title)
        text(r, 3, topic)
        day(r, 4, date, date_format)
        number(r, 5, hours)
        text(r, 6, name)
        text(r, 7, gender)
        text(r, 8, org)
        text(r, 9, region)
        text(r, 10, status)
        if remark:
            text(r, 11, remark)
        if agenda:
            text(r, 12, agenda)
    workbook.close()
    return len(rows)


def timed(func, *args):
    gc.collect()
    started = time.perf_counter()
    rows = func(*args)
    return rows, time.perf_counter() - started


def traced(func, *args):
    """Peak Python memory in MB of func(*args), under tracemalloc (which slows it down)."""
    gc.collect()
    tracemalloc.start()
    try:
        func(*args)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


LABELS = {
    "a": "(a) this export (streamed, XlsxWriter constant_memory)",
    "b": "(b) django-import-export, plain ModelResource",
    "c": "(c) floor: rows in memory, XlsxWriter straight",
}


def report(key, rows, seconds, peak, path):
    size = os.path.getsize(path) / 2**20
    print(f"{LABELS[key]:56}{rows:>9}{seconds:>10.2f}{peak:>10.1f}{size:>9.1f}", flush=True)


@pytest.mark.django_db
def test_flat_export_side_by_side():
    with translation.override("ar"):
        data = build(SCALE)
        project = data["project"]
        marks = data["attendance"]
        print(f"\nFlat attendance export, BENCH_SCALE={SCALE:g}, {connection.vendor}, {marks} marks", flush=True)
        print(f"seconds: best of {REPEAT} runs, (a) and (c) interleaved; peak: one more run under tracemalloc")
        print(f"{'':56}{'rows':>9}{'seconds':>10}{'peak MB':>10}{'file MB':>9}", flush=True)
        results = {}
        with tempfile.TemporaryDirectory() as tmp:
            paths = {key: os.path.join(tmp, f"{key}.xlsx") for key in "abc"}
            rows = list(exports.flat_rows(project, exports.flat_queryset(project)))
            times = {"a": [], "c": []}
            for _ in range(REPEAT):
                count_a, seconds = timed(run_a, project, paths["a"])
                times["a"].append(seconds)
                count_c, seconds = timed(run_c, rows, paths["c"])
                times["c"].append(seconds)
            results["a"] = (count_a, min(times["a"]), traced(run_a, project, paths["a"]))
            report("a", *results["a"], paths["a"])
            results["c"] = (count_c, min(times["c"]), traced(run_c, rows, paths["c"]))
            report("c", *results["c"], paths["c"])
            if marks <= 5000:
                # The export and the floor hold the same cells, typed the same way.
                got = openpyxl.load_workbook(paths["a"], read_only=True).worksheets[0]
                floor = openpyxl.load_workbook(paths["c"], read_only=True).worksheets[0]
                assert list(got.iter_rows(values_only=True)) == list(floor.iter_rows(values_only=True))
            del rows
            assert count_a == count_c == marks > 0
            a, c = results["a"], results["c"]
            print(f"(a)/(c) time: {a[1] / c[1]:.2f} (goal <= 1.5)", flush=True)
            if SKIP_B:
                return
            count_b, seconds = timed(run_b, project, paths["b"])
            results["b"] = b = (count_b, seconds, traced(run_b, project, paths["b"]))
            report("b", *b, paths["b"])
    assert b[0] == marks
    print(f"(a)/(b) peak memory: {a[2] / b[2]:.3f} (goal <= 0.33)")
