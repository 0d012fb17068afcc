"""The sections of the home page, each one a function of the request returning HTML.

capacity reads every app; each section lives in the module of the feature it
shows and is listed here in order.
"""

from capacity.reports.home import project_dashboards
from coaching.home import coaching_to_do
from services.home import services_today
from trainings.home import upcoming_sessions

SECTIONS = [upcoming_sessions, coaching_to_do, services_today, project_dashboards]


def render(request):
    return [html for section in SECTIONS if (html := section(request))]
