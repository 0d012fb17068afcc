"""Sections that apps higher in the import order add to a lower app's page.

organizations (and trainings) may not import the apps above them, so those
apps register a panel for a slot in their AppConfig.ready, and the page of
that slot renders whatever is registered. Slots: "organization" (an
organisation's page, obj is the Organization) and "project" (a project's
page, obj is the Project).
"""

from collections import defaultdict

_panels = defaultdict(list)


def register(slot, order, func):
    """func(request, obj) returns HTML, or "" to show nothing."""
    _panels[slot].append((order, func))
    _panels[slot].sort(key=lambda item: item[0])


def render(slot, request, obj):
    return [html for _, func in _panels[slot] if (html := func(request, obj))]
