"""A backup restores into an empty database with the data in it."""

import sqlite3
import uuid

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import OrganizationFactory, PersonFactory


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database(tmp_path):
    org = OrganizationFactory(name_ar="الاستجابة الميدانية")
    PersonFactory.create_batch(3, organization=org)
    dump = tmp_path / "capacity.dump"
    call_command("backup", str(dump))
    assert dump.stat().st_size > 0

    if connection.vendor == "postgresql":
        rows = _restore_into_new_postgres(dump)
    else:
        target = tmp_path / "restored.sqlite3"
        call_command("restore", str(dump), f"sqlite:///{target}")
        with sqlite3.connect(target) as db:
            rows = db.execute(
                "select o.name_ar, count(p.id) from organizations_organization o "
                "join organizations_person p on p.organization_id = o.id group by o.name_ar"
            ).fetchall()
    assert rows == [("الاستجابة الميدانية", 3)]


def _restore_into_new_postgres(dump):
    settings = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(
        host=settings["HOST"],
        port=settings["PORT"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        dbname="postgres",
    )
    admin.autocommit = True
    admin.cursor().execute(f'create database "{name}" template template0')
    try:
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        url = f"postgres://{settings['USER']}{password}@{settings['HOST']}:{settings['PORT']}/{name}"
        call_command("restore", str(dump), url)
        with psycopg2.connect(
            host=settings["HOST"],
            port=settings["PORT"],
            user=settings["USER"],
            password=settings["PASSWORD"],
            dbname=name,
        ) as restored:
            cursor = restored.cursor()
            cursor.execute(
                "select o.name_ar, count(p.id) from organizations_organization o "
                "join organizations_person p on p.organization_id = o.id group by o.name_ar"
            )
            rows = cursor.fetchall()
        restored.close()
        return rows
    finally:
        admin.cursor().execute(f'drop database if exists "{name}"')
        admin.close()
