"""Who may open what: every URL pattern, every role, one table.

Each row names a URL, how to find real objects for it in the demo data, and the
answer expected for an anonymous visitor, Staff, Coordinator and Administrator:
200 a page or a file, 302 a redirect (anonymous: to the login page), 403 refused,
405 only for POST. A guard test fails when a URL pattern has no row here.
Object URLs given an id that does not exist answer 404, never another record.
"""

from functools import partial

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from capacity.programme.demo import load_demo
from coaching.models import ActionItem, CoachingEngagement, CoachingSession, Goal, PlanRevision, StrategicPlan
from organizations.models import Centre, Organization, Person
from services.models import Booking, Consultation, NeedsAssessment
from tests.urlwalk import all_urls
from trainings.models import Attendance, AttendanceStatus, Enrollment, Project, Session, Workshop

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

ROLES = ("anonymous", "staff", "coordinator", "admin")
PAGE, REDIRECT, REFUSED, POST_ONLY = 200, 302, 403, 405
EVERYONE = (REDIRECT, PAGE, PAGE, PAGE)
COORDINATORS = (REDIRECT, REFUSED, PAGE, PAGE)
POST = (REDIRECT, POST_ONLY, POST_ONLY, POST_ONLY)


def first(model):
    return {"pk": model.objects.order_by("pk").values_list("pk", flat=True)[0]}


def completer():
    """A workshop and a trainee with no absence in it: one who completed."""
    absent = Attendance.objects.filter(status=AttendanceStatus.ABSENT)
    for enrolment in Enrollment.objects.filter(withdrawn_at__isnull=True).order_by("pk"):
        if not absent.filter(session__workshop_id=enrolment.workshop_id, person_id=enrolment.person_id).exists():
            return {"pk": enrolment.workshop_id, "person_pk": enrolment.person_id}
    raise AssertionError("the demo data has no trainee who completed a workshop")


def plan_goal():
    goal = Goal.objects.order_by("pk").first()
    return {"pk": goal.plan_id, "goal_pk": goal.pk}


def plan_version():
    revision = PlanRevision.objects.order_by("pk").first()
    return {"pk": revision.plan_id, "version": revision.version}


def record_pages(prefix, model, add=EVERYONE, change=EVERYONE):
    """The rows of one kind of record's four pages: <prefix>_list, _create, _detail, _update."""
    one = partial(first, model)
    return {
        f"{prefix}_list": (dict, EVERYONE),
        f"{prefix}_create": (dict, add),
        f"{prefix}_detail": (one, EVERYONE),
        f"{prefix}_update": (one, change),
    }


# url name: (kwargs from the demo data, (anonymous, staff, coordinator, administrator))
MATRIX = {
    "home": (dict, EVERYONE),
    "login": (dict, (PAGE, PAGE, PAGE, PAGE)),
    "logout": (dict, POST),
    "password_change": (dict, EVERYONE),
    "password_change_done": (dict, EVERYONE),
    "set_language": (dict, (REDIRECT, REDIRECT, REDIRECT, REDIRECT)),
    **record_pages("organizations:organization", Organization, add=COORDINATORS, change=COORDINATORS),
    **record_pages("organizations:person", Person),
    **record_pages("trainings:project", Project, add=COORDINATORS, change=COORDINATORS),
    **record_pages("trainings:workshop", Workshop),
    "trainings:workshop_enroll": (lambda: first(Workshop), EVERYONE),
    "trainings:workshop_certificates": (lambda: {"pk": completer()["pk"]}, EVERYONE),
    "trainings:certificate": (completer, EVERYONE),
    "trainings:certificate_verify": (dict, EVERYONE),
    "trainings:session_create": (lambda: {"workshop_pk": first(Workshop)["pk"]}, EVERYONE),
    "trainings:enrollment_withdraw": (lambda: first(Enrollment), POST),
    "trainings:session_attendance": (lambda: first(Session), EVERYONE),
    "trainings:session_update": (lambda: first(Session), EVERYONE),
    "trainings:session_signin": (lambda: first(Session), EVERYONE),
    "excel:import_upload": (dict, COORDINATORS),
    "excel:import_template": (dict, COORDINATORS),
    "excel:import_preview": (dict, (REDIRECT, REFUSED, REDIRECT, REDIRECT)),
    "excel:import_confirm": (dict, POST),
    "excel:import_cancel": (dict, POST),
    "excel:workshop_register": (lambda: first(Workshop), COORDINATORS),
    "excel:project_attendance": (lambda: first(Project), COORDINATORS),
    "excel:project_summary": (lambda: first(Project), COORDINATORS),
    **record_pages("coaching:engagement", CoachingEngagement, add=COORDINATORS, change=COORDINATORS),
    "coaching:session_create": (lambda: first(CoachingEngagement), EVERYONE),
    "coaching:session_update": (lambda: first(CoachingSession), EVERYONE),
    "coaching:action_toggle": (lambda: first(ActionItem), POST),
    "coaching:plan_list": (dict, EVERYONE),
    "coaching:plan_create": (dict, EVERYONE),
    "coaching:plan_detail": (lambda: first(StrategicPlan), EVERYONE),
    "coaching:plan_edit": (lambda: first(StrategicPlan), EVERYONE),
    "coaching:goal_objectives": (plan_goal, EVERYONE),
    "coaching:plan_status": (lambda: first(StrategicPlan), POST),
    "coaching:plan_pdf": (lambda: first(StrategicPlan), EVERYONE),
    "coaching:revision_pdf": (plan_version, EVERYONE),
    "coaching:project_plans_zip": (lambda: first(Project), COORDINATORS),
    "services:centre_list": (dict, EVERYONE),
    "services:centre_week": (lambda: first(Centre), EVERYONE),
    "services:booking_create": (dict, EVERYONE),
    "services:booking_detail": (lambda: first(Booking), EVERYONE),
    "services:booking_update": (lambda: first(Booking), EVERYONE),
    "services:booking_cancel": (lambda: first(Booking), EVERYONE),
    **record_pages("services:consultation", Consultation),
    "services:consultation_follow_up_done": (lambda: first(Consultation), POST),
    **record_pages("services:assessment", NeedsAssessment),
    "reports:index": (dict, (REDIRECT, REDIRECT, REDIRECT, REDIRECT)),
    "reports:dashboard": (lambda: first(Project), EVERYONE),
    "reports:pdf": (lambda: first(Project), COORDINATORS),
    "reports:excel": (lambda: first(Project), COORDINATORS),
}
USERS = {"staff": "staff", "coordinator": "coordinator", "admin": "admin"}


def app_url_names():
    return {name for name, path in all_urls() if not path.startswith("/admin/")}


def test_every_url_pattern_has_a_row():
    assert app_url_names() == set(MATRIX)


@pytest.fixture
def clients(db):
    load_demo()
    result = {"anonymous": Client()}
    for role, username in USERS.items():
        result[role] = Client()
        result[role].force_login(get_user_model().objects.get(username=username))
    return result


def test_access_matrix(clients):
    wrong = {}
    for name, (kwargs_of, expected) in MATRIX.items():
        url = reverse(name, kwargs=kwargs_of())
        for role, want in zip(ROLES, expected, strict=True):
            response = clients[role].get(url)
            got = response.status_code
            if role == "anonymous" and name != "set_language" and got == REDIRECT:
                assert response["Location"].startswith("/accounts/login/"), (name, response["Location"])
            if got != want:
                wrong[(name, role)] = (got, want)
    assert wrong == {}


def test_made_up_ids_answer_404(clients):
    wrong = {}
    for name, (kwargs_of, expected) in MATRIX.items():
        kwargs = kwargs_of()
        if not kwargs or expected[1] == POST_ONLY:
            continue
        url = reverse(name, kwargs=dict.fromkeys(kwargs, 987654))
        got = clients["admin"].get(url).status_code
        if got != 404:
            wrong[name] = got
    assert wrong == {}
