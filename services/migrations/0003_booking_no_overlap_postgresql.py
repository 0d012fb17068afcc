"""PostgreSQL only: the database itself refuses two active bookings of a room that overlap.

An exclusion constraint over (room =, tstzrange(start, end) &&) for booked rows,
with btree_gist for the equality on room_id. On SQLite this migration does
nothing; services.booking.save_booking checks inside an IMMEDIATE transaction.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "services_booking_no_overlap"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE services_booking ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(room_id WITH =, tstzrange(start, \"end\", '[)') WITH &&) WHERE (status = 'booked')"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE services_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("services", "0002_capacity_areas_and_roles")]

    operations = [
        # CreateExtension does nothing on databases other than PostgreSQL.
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, drop_constraint),
    ]
