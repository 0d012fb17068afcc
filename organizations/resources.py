"""django-import-export resources for the admin's catalogue imports (regions, organisations), all or nothing.

The admin imports a model with django-import-export only where that is its one
import. People have their own pipeline (organizations.imports), used by the app
and the admin alike.
"""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from organizations.models import Organization, Region


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


def all_or_nothing(model, fields=None):
    """A resource for model that validates each row and saves nothing if one is invalid."""
    options = {**{k: v for k, v in vars(AllOrNothing.Meta).items() if not k.startswith("_")}}
    if fields is not None:
        options["fields"] = tuple(fields)
    return resources.modelresource_factory(model, resource_class=AllOrNothingResource, meta_options=options)


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
