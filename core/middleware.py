"""Responses to a signed-in user are never kept by a browser or a proxy cache.

Pages, PDFs, workbooks and ZIPs shown to a user may hold personal data; on a shared
computer in a centre, the next person must not find them in the cache or behind the
back button. Static files are served (and cached) by WhiteNoise before this runs.
"""

from django.utils.cache import add_never_cache_headers


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
