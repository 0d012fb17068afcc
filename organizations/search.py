"""One search for every search box: normalised substring, plus trigram on PostgreSQL."""

from django.db import connection
from django.db.models import Q

from organizations.arabic import normalize

# word_similarity at or above this counts as "one letter off" for a name.
TRIGRAM_THRESHOLD = 0.5


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
    from django.contrib.postgres.search import TrigramWordSimilarity

    return queryset.annotate(_similarity=TrigramWordSimilarity(key, field)).filter(
        exact | Q(_similarity__gte=TRIGRAM_THRESHOLD)
    )
