"""A room's one calendar: organizations.Occupancy, and on PostgreSQL the database's refusal of overlaps.

The exclusion constraint over (room =, tstzrange(start, end) &&) uses btree_gist for the
equality on room_id. Rows carried over overlapping from before the rule existed
(carried_overlap, see services' migration 0005) are left outside it. On SQLite the
constraint is not made; organizations.occupancy checks inside an IMMEDIATE transaction.
"""

import django.db.models.deletion
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations, models

CONSTRAINT = "organizations_occupancy_no_overlap"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE organizations_occupancy ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(room_id WITH =, tstzrange(start, \"end\", '[)') WITH &&) WHERE (NOT carried_overlap)"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE organizations_occupancy DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("organizations", "0005_trigram_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="Occupancy",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("start", models.DateTimeField(verbose_name="start")),
                ("end", models.DateTimeField(verbose_name="end")),
                (
                    "kind",
                    models.CharField(
                        choices=[("booking", "booking"), ("session", "workshop session")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("label", models.CharField(max_length=300, verbose_name="what")),
                ("object_id", models.PositiveBigIntegerField()),
                (
                    "carried_overlap",
                    models.BooleanField(
                        default=False,
                        editable=False,
                        help_text="Overlapped another use of the room before rooms had one calendar.",
                        verbose_name="overlap carried over",
                    ),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="contenttypes.contenttype"
                    ),
                ),
                (
                    "room",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="occupancies",
                        to="organizations.room",
                        verbose_name="room",
                    ),
                ),
            ],
            options={
                "verbose_name": "room occupancy",
                "verbose_name_plural": "room occupancies",
                "ordering": ["start", "room"],
                "indexes": [models.Index(fields=["room", "start"], name="org_occupancy_room_start")],
                "constraints": [
                    models.UniqueConstraint(fields=("content_type", "object_id"), name="org_occupancy_one_per_holder"),
                    models.CheckConstraint(
                        condition=models.Q(("end__gt", models.F("start"))), name="org_occupancy_end_after_start"
                    ),
                ],
            },
        ),
        # CreateExtension does nothing on databases other than PostgreSQL.
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, drop_constraint),
    ]
