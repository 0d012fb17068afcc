from django.shortcuts import render

from capacity import home_panels
from core.centres import visible_centre_ids
from organizations.models import Centre


def home(request):
    """The start page: what needs doing soon, from every app that has something to say."""
    ids = visible_centre_ids(request.user)
    centres = None if ids is None else Centre.objects.filter(pk__in=ids).order_by("name_ar")
    return render(request, "home.html", {"panels": home_panels.render(request), "centres": centres})
