"""The client's address, for the login lockout (django-axes' AXES_CLIENT_IP_CALLABLE).

Behind a proxy every request comes from the proxy's address, so the lockout would
lock everyone at once; but X-Forwarded-For is written by the client too, so it is
trusted only when settings.BEHIND_PROXY says a proxy of ours sets it. Our proxy
appends the address it saw: the last entry is the one no client can forge.
"""

from django.conf import settings


def client_ip(request):
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR")
