"""A bound on the public answer pages: so many requests per address and window, then 429.

Counted in Django's cache (per process with the default local-memory cache, shared with
a real cache): approximate, but enough to stop a script hammering a token. The limit is
generous because a whole class may answer from one address (a centre's router).
"""

import time

from django.conf import settings
from django.core.cache import cache

from core.client_ip import client_ip

LIMIT = 300  # requests per address and window
WINDOW = 600  # seconds


def allow(request, scope="answer"):
    """Count this request; False once the address went over the limit in the current window."""
    limit = getattr(settings, "EVALUATION_RATE_LIMIT", LIMIT)
    window = int(time.time() // WINDOW)
    key = f"evaluation:{scope}:{client_ip(request)}:{window}"
    if cache.add(key, 1, WINDOW):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        count = 1
    return count <= limit
