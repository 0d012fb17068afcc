from django.shortcuts import render

from capacity import home_panels


def home(request):
    """The start page: what needs doing soon, from every app that has something to say."""
    return render(request, "home.html", {"panels": home_panels.render(request)})
