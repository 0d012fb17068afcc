import pytest

from tests.factories import SessionFactory


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Attachments go to a folder of this test's own."""
    folder = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": folder}},
    }
    return folder


@pytest.fixture
def session(db):
    return SessionFactory()


def stored_files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
