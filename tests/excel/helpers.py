"""Helpers of the Excel tests: make workbooks to upload, read downloads back."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

HEADERS = ["الاسم الكامل", "الجنس", "المنظمة", "المنصب", "الهاتف", "البريد الإلكتروني", "سنة الميلاد", "إعاقة"]


def xlsx_bytes(rows, headers=HEADERS, title="Sheet"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    if headers:
        sheet.append(headers)
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text typed with a quote prefix, not a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content, name="trainees.xlsx"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def read_download(response):
    """The workbook of a FileResponse or HttpResponse, read back with openpyxl."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return openpyxl.load_workbook(io.BytesIO(content))
