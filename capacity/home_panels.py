"""The sections of the home page, each one a function of the request returning HTML.

capacity reads every app; each section lives in the module of the feature it
shows and is listed here in order.
"""

SECTIONS = []


def render(request):
    return [html for section in SECTIONS if (html := section(request))]
