"""core's one table: the one-time tokens of create forms (see core.once)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UsedToken(models.Model):
    """A create form's token, claimed by the POST that saved its row; the unique token makes a second claim fail.

    url: where the row saved stands, for a resend of the same form to go to.
    """

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("used form token")
        verbose_name_plural = _("used form tokens")

    def __str__(self):
        return self.token
