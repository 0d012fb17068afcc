"""One-time tokens for forms that create rows: a double click or a resend creates one row.

issue() gives the token a create form carries (a hidden field, FIELD). The POST
that saves consumes it, in the transaction that saves the row: consume() inserts a
UsedToken whose token is unique, so of two POSTs of one form (even at the same
instant, even of one session) the second's insert fails, after waiting on
PostgreSQL for the first to commit; it then finds where the first's row stands.

Why a table and not the session: the session is read at the start of a request
and saved at its end, so two concurrent requests of one session would both find
the token unused. The database's unique constraint is the one guard that holds.
Rows older than KEEP are swept when a form is shown; a form left open longer just gets
a new token when it is shown again.
"""

import datetime
import re
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import UsedToken

FIELD = "once_token"
KEEP = datetime.timedelta(days=2)
TOKEN = re.compile(r"^[0-9a-f]{32}$")


def issue(request):
    """A fresh token for a create form shown to request's user; sweeps the tokens older than KEEP.

    The sweep is here, when a form is shown, not in consume: a delete inside the
    saving transaction would make two concurrent saves wait on each other's old rows.
    """
    UsedToken.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    return secrets.token_hex(16)


def token_of(request):
    """The well-formed token a POST carries, or None (an old form, a script)."""
    token = request.POST.get(FIELD, "")
    return token if TOKEN.match(token) else None


class Used(Exception):
    """The token was claimed already; url is where the row then saved stands ("" if unknown)."""

    def __init__(self, url):
        super().__init__(url)
        self.url = url


def consume(request, token):
    """Claim token for request's user inside the caller's transaction; raise Used if it was claimed."""
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction goes on after a refusal
            return UsedToken.objects.create(token=token, user=request.user)
    except IntegrityError:
        earlier = UsedToken.objects.filter(token=token, user=request.user).first()
        raise Used(earlier.url if earlier else "") from None


def settle(used, url):
    """Record where the row saved under used stands."""
    used.url = url[:500]
    used.save(update_fields=["url"])


def release(used):
    """The save did not happen after all (the form was refused at the last moment): the token may serve again."""
    used.delete()
