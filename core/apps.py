from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _install_data_version(using, **kwargs):
    from django.db import connections

    from core import data_version

    data_version.install(connections[using])


class CoreConfig(AppConfig):
    """The bottom of the map: shared plumbing that imports none of our apps."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        # After every migrate (and flush), put the data version's trigger on every table of
        # our apps, new ones included (core.data_version).
        post_migrate.connect(_install_data_version, sender=self, dispatch_uid="core.data_version")
