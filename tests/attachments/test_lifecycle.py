"""Files follow their records: deleting a record deletes its files; a backup carries them and restore brings them back."""

import sqlite3
import tarfile
import uuid

import psycopg2
import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.db import connection

from attachments.models import Attachment
from attachments.targets import TARGETS
from attachments.uploads import save_attachment
from tests.attachments import files
from tests.attachments.conftest import stored_files
from tests.factories import ConsultationFactory, SessionFactory, WorkshopFactory
from trainings import writes

pytestmark = pytest.mark.django_db


def _attach(slug, record, data=None, name="photo.png", user=None):
    return save_attachment(
        TARGETS[slug], record, files.upload(data or files.png(), name), title="", kind="photo", user=user
    )


def test_deleting_a_session_deletes_its_files(private_files, staff_user, django_capture_on_commit_callbacks):
    session = SessionFactory()
    _attach("session", session)
    _attach("session", session, files.pdf(), "sheet.pdf")
    assert len(stored_files(private_files)) == 3
    with django_capture_on_commit_callbacks(execute=True):
        writes.delete_session(session, staff_user)
    assert not Attachment.objects.exists() and stored_files(private_files) == []


def test_deleting_a_workshop_deletes_its_files_and_its_sessions_files(
    private_files, django_capture_on_commit_callbacks
):
    workshop = WorkshopFactory()
    session = SessionFactory(workshop=workshop)
    _attach("workshop", workshop)
    _attach("session", session)
    other = _attach("session", SessionFactory())
    with django_capture_on_commit_callbacks(execute=True):
        workshop.delete()
    assert list(Attachment.objects.all()) == [other]
    assert sorted(stored_files(private_files)) == sorted([other.file.name, other.thumbnail.name])


def test_deleting_a_visit_in_the_admin_deletes_its_files(
    client, admin_user, private_files, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    visit = ConsultationFactory()
    _attach("consultation", visit, files.pdf(), "letter.pdf")
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:services_consultation_delete", args=[visit.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Attachment.objects.exists() and stored_files(private_files) == []


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_and_a_new_folder_and_the_file_opens(tmp_path, private_files):
    session = SessionFactory()
    photo = files.jpeg(80, 40)
    attachment = _attach("session", session, photo, "ورقة الحضور.jpg")
    archive = tmp_path / "capacity.backup"
    call_command("backup", str(archive))
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "files/" + attachment.file.name in names and "files/" + attachment.thumbnail.name in names

    restored_files = tmp_path / "restored-files"
    if connection.vendor == "postgresql":
        row = _restore_into_new_postgres(archive, restored_files)
    else:
        target = tmp_path / "restored.sqlite3"
        call_command("restore", str(archive), f"sqlite:///{target}", files_dir=str(restored_files))
        with sqlite3.connect(target) as db:
            row = db.execute("select file, thumbnail, original_name from attachments_attachment").fetchone()
    assert row[2] == "ورقة الحضور.jpg"
    storage = FileSystemStorage(location=restored_files)
    with storage.open(row[0]) as restored:
        assert restored.read() == photo
    assert storage.exists(row[1])


def _restore_into_new_postgres(archive, restored_files):
    settings = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:8]}"
    options = {
        "host": settings["HOST"],
        "port": settings["PORT"],
        "user": settings["USER"],
        "password": settings["PASSWORD"],
    }
    admin = psycopg2.connect(dbname="postgres", **options)
    admin.autocommit = True
    admin.cursor().execute(f'create database "{name}" template template0')
    try:
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        url = f"postgres://{settings['USER']}{password}@{settings['HOST']}:{settings['PORT']}/{name}"
        call_command("restore", str(archive), url, files_dir=str(restored_files))
        with psycopg2.connect(dbname=name, **options) as restored:
            cursor = restored.cursor()
            cursor.execute("select file, thumbnail, original_name from attachments_attachment")
            row = cursor.fetchone()
        restored.close()
        return row
    finally:
        admin.cursor().execute(f'drop database if exists "{name}"')
        admin.close()


def test_restore_refuses_an_archive_with_a_file_outside_its_folder(tmp_path, settings):
    import io

    from capacity.backup import BackupError, restore

    archive = tmp_path / "evil.backup"
    with tarfile.open(archive, "w") as tar:
        dump = tmp_path / "database.sqlite3"
        sqlite3.connect(dump).close()
        tar.add(dump, arcname="database.sqlite3")
        info = tarfile.TarInfo("files/../../escaped.txt")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"bad"))
    with pytest.raises(BackupError):
        restore(str(archive), f"sqlite:///{tmp_path / 'new.sqlite3'}", files_dir=str(tmp_path / "files"))
    assert not (tmp_path / "escaped.txt").exists()
