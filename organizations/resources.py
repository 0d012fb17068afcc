"""django-import-export resources: organisations and people by name, all or nothing."""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from organizations.models import Organization, Person, Region


class AllOrNothing:
    """An import with any invalid row saves nothing (the default commits the valid rows)."""

    class Meta:
        use_transactions = True
        rollback_on_validation_errors = True
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


class RegionResource(resources.ModelResource):
    class Meta(AllOrNothing.Meta):
        model = Region
        fields = ("id", "name_ar", "name_en")


class OrganizationResource(resources.ModelResource):
    region = fields.Field(
        attribute="region",
        column_name="region",
        widget=ForeignKeyWidget(Region, field="name_ar"),
    )
    branch_of = fields.Field(
        attribute="branch_of",
        column_name="branch_of",
        widget=ForeignKeyWidget(Organization, field="name_ar"),
    )

    class Meta(AllOrNothing.Meta):
        model = Organization
        import_id_fields = ("name_ar",)
        fields = (
            "name_ar",
            "name_en",
            "short_name",
            "region",
            "town",
            "branch_of",
            "founded_year",
            "registration_status",
            "contact_person",
            "phone",
            "email",
            "address",
            "notes",
            "active",
        )


class PersonResource(resources.ModelResource):
    organization = fields.Field(
        attribute="organization",
        column_name="organization",
        widget=ForeignKeyWidget(Organization, field="name_ar"),
    )

    class Meta(AllOrNothing.Meta):
        model = Person
        fields = (
            "id",
            "full_name",
            "gender",
            "organization",
            "position",
            "phone",
            "email",
            "birth_year",
            "has_disability",
            "consent",
            "notes",
        )
