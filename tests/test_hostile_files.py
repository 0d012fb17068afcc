"""Crafted workbooks are refused before any row is read: fast, small, nothing saved (issue 13, finding 2).

Each file is made in the test from a small valid workbook (tests.excel.hostile).
The bounds are checked on the zip's declared sizes and on an expat scan of the
sheet's XML, before openpyxl walks a row; before this, the first file made the
reader pad a million rows of 16,384 cells (a worker killed at 30 s) and the third
held about 500 MB of strings.
"""

import time
import tracemalloc

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from organizations import imports
from organizations.models import Person
from tests.excel.helpers import upload
from tests.excel.hostile import HOSTILE
from trainings.excel.models import PendingImport

# Each case builds a crafted workbook of up to a few hundred KB: seconds in all.
pytestmark = pytest.mark.slow

SECONDS = 2
MEGABYTES = 100


@pytest.fixture(scope="module")
def files():
    return {name: make() for name, make in HOSTILE.items()}


def _refusal(content):
    """(message, seconds, peak MB of Python allocations) of reading content."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(imports.FileRejected) as refused:
            imports.read_rows(upload(content))
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    finally:
        tracemalloc.stop()
    return refused.value.message, seconds, peak


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_is_refused_fast_and_small(files, name):
    assert len(files[name]) < imports.MAX_UPLOAD_BYTES  # each gets past the size limit of the upload
    message, seconds, peak = _refusal(files[name])
    assert seconds < SECONDS, f"{name}: {seconds:.2f} s"
    assert peak < MEGABYTES, f"{name}: {peak:.0f} MB"
    assert message


def test_the_refusals_say_why(files):
    assert "1048002" in _refusal(files["huge_dimension"])[0]
    assert "20002" in _refusal(files["row_gap"])[0]
    too_much = gettext("The file holds too much data to be a trainee list.")
    assert _refusal(files["shared_strings_flood"])[0] == too_much
    assert _refusal(files["zip_bomb"])[0] == too_much


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_upload_page_refuses_it_and_keeps_nothing(coordinator_client, files, name):
    coordinator_client.cookies["django_language"] = "en"
    started = time.perf_counter()
    response = coordinator_client.post(reverse("excel:import_upload"), {"file": upload(files[name])})
    assert time.perf_counter() - started < SECONDS
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert "excel_import" not in coordinator_client.session
    assert not PendingImport.objects.exists() and not Person.objects.exists()


def test_a_declared_dimension_alone_is_enough_to_refuse(files):
    """A sheet that declares a huge area is refused even if its rows are few."""
    import io
    import re
    import zipfile

    from tests.excel.hostile import SHEET, _base, _zip

    parts = _base()
    parts[SHEET] = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:C900000"/>', parts[SHEET])
    content = _zip(parts)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"A1:C900000" in archive.read(SHEET)
    message, seconds, _peak = _refusal(content)
    assert "900000" in message and seconds < SECONDS
