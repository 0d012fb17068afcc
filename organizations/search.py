"""One search for every search box: normalised substring, plus trigram on PostgreSQL."""

from django.db import connection
from django.db.models import Q

from organizations.arabic import normalize


def search(queryset, text, field="search_name"):
    """Rows whose normalised name holds every word typed; if none, on PostgreSQL, names close to it."""
    key = normalize(text)
    if not key:
        return queryset
    exact = Q()
    for word in key.split(" "):
        exact &= Q(**{f"{field}__contains": word})
    found = queryset.filter(exact)
    if connection.vendor != "postgresql" or found.exists():
        return found
    # Nothing spelt so: names one letter off, by pg_trgm's word similarity
    # (threshold 0.6), which uses the trigram GIN index of migration 0005.
    return queryset.filter(**{f"{field}__trigram_word_similar": key})
