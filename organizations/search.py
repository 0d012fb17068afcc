"""One search for every search box: normalised substring, plus trigram on PostgreSQL."""

from django.db import connection
from django.db.models import Q

from organizations.arabic import normalize


def search(queryset, text, field="search_name"):
    """Rows whose normalised name holds every word typed (or, on PostgreSQL, is close)."""
    key = normalize(text)
    if not key:
        return queryset
    exact = Q()
    for word in key.split(" "):
        exact &= Q(**{f"{field}__contains": word})
    if connection.vendor != "postgresql":
        return queryset.filter(exact)
    # Names one letter off: pg_trgm's word similarity (threshold 0.6); both
    # this and the substring match use the trigram GIN index of migration 0005.
    return queryset.filter(exact | Q(**{f"{field}__trigram_word_similar": key}))
