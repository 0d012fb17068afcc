"""Middleware of our own: no caching of what a signed-in user sees; no NUL in query strings.

Responses to a signed-in user are never kept by a browser or a proxy cache.

Pages, PDFs, workbooks and ZIPs shown to a user may hold personal data; on a shared
computer in a centre, the next person must not find them in the cache or behind the
back button. Static files are served (and cached) by WhiteNoise before this runs.
"""

import re

from django.http import QueryDict
from django.utils.cache import add_never_cache_headers

NUL = re.compile(r"%00|\x00", re.IGNORECASE)


class PrivateNoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Replaces any softer header: nothing a signed-in user sees is cacheable.
            response.headers.pop("Cache-Control", None)
            add_never_cache_headers(response)
        return response


class DropNulFromQueryMiddleware:
    """Remove NUL characters from the query string before any view reads it.

    PostgreSQL refuses a NUL inside text, so "?q=%00" reaching a search or the admin's
    changelist would fail with a 500; no one types a NUL on purpose.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if NUL.search(query):
            request.META["QUERY_STRING"] = NUL.sub("", query)
            request.GET = QueryDict(request.META["QUERY_STRING"], encoding=request.encoding)
        return self.get_response(request)
