from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The bottom of the map: shared plumbing that imports none of our apps."""

    name = "core"
    verbose_name = _("Core")
