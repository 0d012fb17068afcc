"""The app's URLs plus one view that fails, to see the 500 page (tests/test_error_pages.py)."""

from django.urls import path

from capacity.urls import urlpatterns as app_urlpatterns


def broken(request):
    raise RuntimeError("a failure on purpose")


urlpatterns = [*app_urlpatterns, path("broken/", broken)]
