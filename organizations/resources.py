"""django-import-export resources: organisations and people by name, all or nothing."""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from organizations.models import Organization, Person, Region


class AllOrNothing:
    """Resource options shared by every import: validate each row as a form would."""

    class Meta:
        use_transactions = True
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


class AllOrNothingResource(resources.ModelResource):
    """An import with any invalid row saves nothing.

    django-import-export commits the valid rows of an import with validation
    errors unless import_data is told otherwise, and its admin does not.
    """

    def import_data(self, dataset, **kwargs):
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)


class RegionResource(AllOrNothingResource):
    class Meta(AllOrNothing.Meta):
        model = Region
        fields = ("id", "name_ar", "name_en")


class OrganizationResource(AllOrNothingResource):
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


class PersonResource(AllOrNothingResource):
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
