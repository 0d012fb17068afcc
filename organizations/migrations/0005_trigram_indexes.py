from django.db import migrations

INDEXES = [
    ("organizations_person", "organizations_person_search_trgm"),
    ("organizations_organization", "organizations_organization_search_trgm"),
]


def create(apps, schema_editor):
    # PostgreSQL only: substring and similarity searches use these; SQLite scans.
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_name gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("organizations", "0004_history_roles")]

    operations = [migrations.RunPython(create, drop)]
