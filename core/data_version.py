"""The data version: one number that changes whenever a committed write changes our data.

Figures kept ready (core.kept) are valid for the version they were computed at. The number
is kept by the database itself, with a trigger on every table of our apps: every door that
writes (pages, admin, imports, commands, jobs, bulk and raw SQL) moves it, including
doors added later, since the triggers are put on every table after each migrate.

PostgreSQL: a statement trigger notes, once per transaction, that the transaction changed
data (a row in core_datachange and a transaction-local setting); a deferred trigger on that
row adds one to the version at commit. The version's row is thus locked only while the
transaction commits, not while a long import runs, and other transactions see the new
version together with the data. Within the writing transaction the version has not moved
yet: `read()` says so (`changed_here`), and such a transaction computes its figures afresh.

SQLite has no statement triggers; a row trigger adds one per row written. SQLite writes
one transaction at a time, so the number never waits on anything.
"""

import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings

TRIGGER = "core_data_changed"
# Tables whose writes change no figure: the version and kept figures themselves, jobs' progress,
# form tokens, import previews, export records, and the history copies written beside the rows.
SKIPPED = {"core_dataversion", "core_datachange", "core_keptfigures", "core_job", "core_usedtoken"}
SKIPPED_APPS = {"excel"}  # trainings.excel: export records and import previews

POSTGRES_FUNCTIONS = """
CREATE OR REPLACE FUNCTION core_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('capacity.changed', true), '') = '' THEN
        PERFORM set_config('capacity.changed', 'yes', true);
        INSERT INTO core_datachange (at) VALUES (now());
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION core_data_committed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE core_dataversion SET number = number + 1 WHERE id = 1;
    DELETE FROM core_datachange WHERE id = NEW.id;
    RETURN NULL;
END $$;
"""
POSTGRES_COMMIT_TRIGGER = """
DROP TRIGGER IF EXISTS core_data_committed ON core_datachange;
CREATE CONSTRAINT TRIGGER core_data_committed AFTER INSERT ON core_datachange
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION core_data_committed();
"""
POSTGRES_TABLE_TRIGGER = (
    'CREATE TRIGGER core_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
    "FOR EACH STATEMENT EXECUTE FUNCTION core_data_changed()"
)
SQLITE_TABLE_TRIGGER = (
    'CREATE TRIGGER IF NOT EXISTS "core_data_changed_{table}_{event}" AFTER {event} ON "{table}" '
    "BEGIN UPDATE core_dataversion SET number = number + 1 WHERE id = 1; END"
)
# Whether this transaction changed data (PostgreSQL: its version moves at commit; SQLite: at once).
CHANGED_HERE = {"postgresql": "coalesce(current_setting('capacity.changed', true), '') <> ''", "sqlite": "0"}
READ = "SELECT number, {changed_here} FROM core_dataversion WHERE id = 1"


def our_apps():
    """The app configs of this project: under BASE_DIR, not installed packages (a virtualenv may sit there too)."""
    base, installed = Path(settings.BASE_DIR).resolve(), {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()}
    ours = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and not any(path.is_relative_to(prefix) for prefix in installed):
            ours.append(config)
    return ours


def watched_tables():
    """The tables of our apps whose writes may change a figure."""
    tables = []
    for config in our_apps():
        if config.label in SKIPPED_APPS:
            continue
        for model in config.get_models():
            meta = model._meta
            if meta.managed and not meta.proxy and not meta.db_table.startswith(f"{config.label}_historical"):
                tables.append(meta.db_table)
    return sorted(set(tables) - SKIPPED)


def triggered_tables(connection):
    """The tables that already carry the trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = %s", [TRIGGER])
            return {name.strip('"') for (name,) in cursor.fetchall()}
        cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'core_data_changed_%'")
        return {name for (name,) in cursor.fetchall()}


def install(connection):
    """Put the trigger on every watched table that lacks it (after each migrate and flush).

    Also forgets every kept figure: a migrate may come with new code that counts differently.
    """
    missing = [table for table in watched_tables() if table not in triggered_tables(connection)]
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO core_dataversion (id, number) VALUES (1, 1) ON CONFLICT (id) DO NOTHING")
        cursor.execute("DELETE FROM core_keptfigures")
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_FUNCTIONS)
            cursor.execute(POSTGRES_COMMIT_TRIGGER)
            for table in missing:
                cursor.execute(POSTGRES_TABLE_TRIGGER.format(table=table))
        else:
            for table in missing:
                for event in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(SQLITE_TABLE_TRIGGER.format(table=table, event=event))


def read(connection):
    """(version, changed_here): the committed data's version, and whether this transaction changed data.

    version is None when the row is missing (a database just flushed): nothing may be kept then.
    """
    with connection.cursor() as cursor:
        cursor.execute(READ.format(changed_here=CHANGED_HERE[connection.vendor]))
        row = cursor.fetchone()
    return (row[0], bool(row[1])) if row else (None, False)
