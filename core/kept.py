"""Figures kept ready: a computation's result, kept until a committed write changes the data.

`kept(kind, parts, compute)` returns what compute() returned the last time it ran for the
same kind and parts, in the same language, with the same code, if no data has changed since
(core.data_version); otherwise it computes, keeps the result, and returns it. One query when
the figures are kept; three more than compute's own when they are not.

Kept in the database, not in a process's memory: every worker of the web server and of the
jobs reads the same figures, so a page, its PDF and its workbook show the same numbers.
Only derived figures are kept, and they are forgotten at each migrate (data_version.install).
"""

import hashlib
import logging
import pickle
from functools import cache
from pathlib import Path

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import get_language

from core import data_version
from core.models import KeptFigures

log = logging.getLogger(__name__)

LOOKUP = (
    "SELECT v.number, {changed_here}, k.data FROM core_dataversion v "
    "LEFT JOIN core_keptfigures k ON k.key = %s AND k.version = v.number WHERE v.id = 1"
)


@cache
def code_fingerprint():
    """A digest of our apps' source: new code never reads figures that old code computed."""
    digest = hashlib.sha256()
    for config in sorted(data_version.our_apps(), key=lambda c: c.label):
        for source in sorted(Path(config.path).rglob("*.py")):
            digest.update(f"{config.label}/{source.relative_to(config.path)}".encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()


def key_of(kind, parts):
    """The row's key: kind, parts (a tuple of plain values), language and code, hashed."""
    text = repr((kind, parts, get_language(), code_fingerprint()))
    return hashlib.sha256(text.encode()).hexdigest()


def _lookup(key):
    """(version, changed_here, data or None) in one query."""
    with connection.cursor() as cursor:
        cursor.execute(LOOKUP.format(changed_here=data_version.CHANGED_HERE[connection.vendor]), [key])
        row = cursor.fetchone()
    if row is None:  # a database just flushed: its version row comes back with the next migrate
        return None, True, None
    return row[0], bool(row[1]), row[2]


def _keep(key, version, value):
    """Keep value for version, and forget what older versions left (they can never be read again)."""
    row = KeptFigures(
        key=key, version=version, data=pickle.dumps(value, pickle.HIGHEST_PROTOCOL), kept_at=timezone.now()
    )
    try:
        with transaction.atomic():
            KeptFigures.objects.bulk_create(
                [row], update_conflicts=True, unique_fields=["key"], update_fields=["version", "data", "kept_at"]
            )
            KeptFigures.objects.filter(version__lt=version).delete()
    except DatabaseError:  # a busy database: the figures are shown all the same, and kept next time
        log.warning("figures %s not kept", key, exc_info=True)


def kept(kind, parts, compute):
    """compute(), or what it returned for (kind, parts) if no data has changed since."""
    key = key_of(kind, parts)
    version, changed_here, data = _lookup(key)
    if data is not None and not changed_here:
        try:
            return pickle.loads(data)  # noqa: S301 - our own rows, written by _keep from our own objects
        except (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError):
            log.warning("kept figures %s unreadable; computed again", key)
    value = compute()
    if version is not None and not changed_here:
        _keep(key, version, value)
    return value
