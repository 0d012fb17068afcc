"""Crafted workbooks that cost a naive reader time or memory, made from a small valid one.

Each starts as a real openpyxl workbook (a header and one trainee) whose parts are
rewritten with zipfile, as an attacker would: the shapes are those of issue 13.
"""

import io
import re
import zipfile

from tests.excel.helpers import xlsx_bytes

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"


def _parts(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _zip(parts, level=9):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _base():
    return _parts(xlsx_bytes([["هدى العلي", "أنثى", "بصمة أمل"]], headers=["الاسم الكامل", "الجنس", "المنظمة"]))


def _far_row(row, dimension):
    parts = _base()
    sheet = parts[SHEET].decode()
    sheet = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{dimension}"/>', sheet)
    far = f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>x</t></is></c></row>'
    parts[SHEET] = sheet.replace("</sheetData>", far + "</sheetData>").encode()
    return _zip(parts)


def huge_dimension():
    """<dimension ref="A1:XFD1048002"> and one row at r=1048002: a reader pads a million rows of 16,384 cells."""
    return _far_row(1048002, "A1:XFD1048002")


def row_gap():
    """A 20,000-row gap before one last row, the sheet declared 16,384 columns wide."""
    return _far_row(20002, "A1:XFD20002")


def shared_strings_flood(megabytes=58):
    """About 58 MB of tiny shared strings that deflate to a file of ~150 KB."""
    parts = _base()
    count = megabytes * 1024 * 1024 // 18
    head = (
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" uniqueCount="{count}">'
    )
    parts[STRINGS] = head.encode() + b"<si><t>ab</t></si>" * count + b"</sst>"
    override = (
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" />'
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", override.encode() + b"</Types>")
    return _zip(parts)


def zip_bomb(megabytes=200):
    """An extra part of zeros that unpacks to 200 MB from about 200 KB."""
    parts = _base()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        with archive.open("xl/media/padding.bin", "w", force_zip64=True) as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(block)
    return buffer.getvalue()


HOSTILE = {
    "huge_dimension": huge_dimension,
    "row_gap": row_gap,
    "shared_strings_flood": shared_strings_flood,
    "zip_bomb": zip_bomb,
}
