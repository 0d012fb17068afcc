"""Which writer for the flat export: XlsxWriter constant_memory (ours) against rustpy-xlsxwriter.

    python3 -m venv /tmp/writers && /tmp/writers/bin/pip install xlsxwriter rustpy-xlsxwriter
    /tmp/writers/bin/python tests/bench/compare_writers.py 250000 1000000

Writes N rows shaped as the flat attendance export's (13 columns: Arabic text, a date, a
number) each way, in a fresh process each, and prints seconds and peak resident memory:
- xlsxwriter: constant_memory, row by row with the typed calls (core.excel's fast path);
- rust, whole: rustpy-xlsxwriter's write_worksheet over every row at once (it takes a list
  of records: it has no streaming API, so the rows must all be in memory first);
- rust, chunked: the same in chunks of 100,000 rows, one sheet each (the only way to bound
  its memory, at the price of an export split over sheets).
Not part of the test suite: rustpy-xlsxwriter is not a dependency of the app.

Measured here (2026-12-04, 2 cores, rustpy-xlsxwriter 0.8.0, XlsxWriter 3.3.1):

    rows        xlsxwriter            rust, whole           rust, chunked
    250,000     21.8 s,  22 MB        2.9 s,  262 MB        3.0 s,  263 MB
    1,000,000   85.5 s,  22 MB        11.5 s, 987 MB        11.4 s, 988 MB

The Rust writer is 7.5 times as fast but holds every row: at 1M marks it needs six times
the job's memory budget (150 MB), and chunks do not help without a streaming API. The
export stays on XlsxWriter constant_memory, whose memory does not grow with the rows;
the wait is the job's, with its progress page, not the request's.
"""

import datetime
import resource
import subprocess
import sys
import tempfile
import time

COLUMNS = ["project", "phase", "workshop", "topic", "date", "hours", "name", "gender", "organisation", "region"]
COLUMNS += ["status", "remark", "agenda"]
CHUNK = 100_000


def rows(n):
    day = datetime.date(2020, 1, 1)
    for i in range(n):
        yield [
            "مشروع بناء القدرات 2020",
            "المرحلة الأولى",
            f"ورشة الإدارة المالية {i % 500}",
            "الميزانية",
            day + datetime.timedelta(days=i % 700),
            3.5,
            f"متدربة رقم {i % 20000}",
            "أنثى",
            f"منظمة المجتمع المدني {i % 1000}",
            "الرقة",
            "حاضر",
            "",
            "جدول الأعمال",
        ]


def xlsxwriter_way(n, path):
    import xlsxwriter

    workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
    sheet = workbook.add_worksheet("Attendance")
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, COLUMNS)
    text, number, day = sheet.write_string, sheet.write_number, sheet.write_datetime
    for r, row in enumerate(rows(n), 1):
        for c, value in enumerate(row):
            if c == 4:
                day(r, c, value, date_format)
            elif c == 5:
                number(r, c, value)
            elif value:
                text(r, c, value)
    workbook.close()


def rust_whole(n, path):
    import rustpy_xlsxwriter

    records = [dict(zip(COLUMNS, row, strict=True)) for row in rows(n)]
    rustpy_xlsxwriter.write_worksheet(records, path, sheet_name="Attendance", datetime_format="yyyy-mm-dd")


def rust_chunked(n, path):
    import rustpy_xlsxwriter

    sheets, chunk, number = [], [], 0
    for row in rows(n):
        chunk.append(dict(zip(COLUMNS, row, strict=True)))
        if len(chunk) == CHUNK:
            number += 1
            sheets.append((f"Attendance {number}", chunk))
            chunk = []
    if chunk:
        sheets.append((f"Attendance {number + 1}", chunk))
    # write_worksheets still takes every sheet at once: chunks bound nothing without a
    # streaming API, which the library does not have; timed to show it.
    rustpy_xlsxwriter.write_worksheets(sheets, path)


WAYS = {"xlsxwriter": xlsxwriter_way, "rust-whole": rust_whole, "rust-chunked": rust_chunked}


def child(way, n):
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        started = time.perf_counter()
        WAYS[way](n, handle.name)
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{way:>14} {n:>9} rows {seconds:7.2f} s {n / seconds:>10.0f} rows/s peak {peak:6.0f} MB", flush=True)


def main():
    if sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]))
        return
    for n in map(int, sys.argv[1:]):
        for way in WAYS:
            subprocess.run([sys.executable, __file__, "--child", way, str(n)], check=False)


if __name__ == "__main__":
    main()
