"""The public answer links: short, signed, for one Opening and until it closes.

A token reads "<opening id>-<closing minute>-<signature>", all in base 36, about 22
characters, short enough to type from a projected slide. The signature is an HMAC of
the first two parts under SECRET_KEY (django.utils.crypto.salted_hmac, the primitive
of django.core.signing), cut to 60 bits: forging one takes about 10**18 tries, and the
public pages are rate-limited. A token is honoured only while its opening is open and
closes at the minute it names, so closing a link, or opening it again with another
closing time, kills every earlier QR code and link at once.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "evaluation.links"
SIGNATURE_LENGTH = 12
MAX_TOKEN_LENGTH = 60
EPOCH = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36(number):
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = DIGITS[digit] + text
        if not number:
            return text


def _minute(moment):
    """Minutes since EPOCH (the links' clock: a closing time is kept to the minute)."""
    return int((moment - EPOCH).total_seconds() // 60)


def closing_minute(moment):
    """moment, rounded down to its minute: the closing times links can name."""
    return EPOCH + datetime.timedelta(minutes=_minute(moment))


def _signature(body):
    digest = salted_hmac(SALT, body, algorithm="sha256").digest()
    number = int.from_bytes(digest[:8], "big")
    return _base36(number)[-SIGNATURE_LENGTH:].rjust(SIGNATURE_LENGTH, "0")


def token_for(opening):
    body = f"{_base36(opening.pk)}-{_base36(_minute(opening.closes_at))}"
    return f"{body}-{_signature(body)}"


@dataclass
class Checked:
    """What a token says: opening_id and until (None when forged or malformed)."""

    opening_id: int | None
    until: datetime.datetime | None

    @property
    def forged(self):
        return self.opening_id is None


def read(token):
    """The opening id and closing time a well-signed token names; Checked(None, None) for anything else."""
    parts = str(token or "")[:MAX_TOKEN_LENGTH].split("-")
    if len(parts) != 3 or not all(parts) or any(ch not in DIGITS for part in parts for ch in part):
        return Checked(None, None)
    if len(parts[0]) > 12 or len(parts[1]) > 7:  # no id or minute that large (and no date overflow)
        return Checked(None, None)
    body = f"{parts[0]}-{parts[1]}"
    if not constant_time_compare(parts[2], _signature(body)):
        return Checked(None, None)
    until = EPOCH + datetime.timedelta(minutes=int(parts[1], 36))
    return Checked(int(parts[0], 36), until)


def honours(opening, checked, now=None):
    """True if the opening is still open and the token names its current closing time."""
    now = now or timezone.now()
    return checked.until == opening.closes_at and now < opening.closes_at
