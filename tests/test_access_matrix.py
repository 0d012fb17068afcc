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
from results.models import Indicator, Result, ResultsFramework
from services.models import Booking, Consultation, Meeting, NeedsAssessment
from tests.attachments.matrix import ATTACHMENT_ROWS
from tests.urlwalk import all_urls
from trainings.models import (
    Attendance,
    AttendanceStatus,
    Enrollment,
    OrganizationRequest,
    Project,
    Session,
    WaitingPlace,
    Workshop,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

ROLES = ("anonymous", "staff", "coordinator", "admin")
PAGE, REDIRECT, REFUSED, NOT_FOUND, POST_ONLY = 200, 302, 403, 404, 405
EVERYONE = (REDIRECT, PAGE, PAGE, PAGE)
COORDINATORS = (REDIRECT, REFUSED, PAGE, PAGE)
POST = (REDIRECT, POST_ONLY, POST_ONLY, POST_ONLY)


def first(model):
    return {"pk": model.objects.order_by("pk").values_list("pk", flat=True)[0]}


def framed():
    """The project with the demo's results framework."""
    return {"pk": ResultsFramework.objects.values_list("project_id", flat=True)[0]}


def completer():
    """A workshop and a trainee with no absence in it: one who completed."""
    absent = Attendance.objects.filter(status=AttendanceStatus.ABSENT)
    for enrolment in Enrollment.objects.filter(withdrawn_at__isnull=True).order_by("pk"):
        if not absent.filter(session__workshop_id=enrolment.workshop_id, person_id=enrolment.person_id).exists():
            return {"pk": enrolment.workshop_id, "person_pk": enrolment.person_id}
    raise AssertionError("the demo data has no trainee who completed a workshop")


def follower():
    """A project that follows an earlier one (its comparison page)."""
    return {"pk": Project.objects.exclude(follows=None).values_list("pk", flat=True)[0]}


def feedback_link():
    """The first workshop's feedback link, opened (the demo has none open)."""
    from evaluation import writes

    opening, _created = writes.open_link(Workshop.objects.order_by("pk").first(), "feedback", 2, None)
    return opening


def answer_token():
    from evaluation.links import token_for

    return {"token": token_for(feedback_link())}


def coordinators_job():
    """A job the coordinator asked for: hers and the administrators' to open, nobody else's (404)."""
    import datetime

    from django.utils import timezone

    from core.models import Job

    owner = get_user_model().objects.get(username="coordinator")
    job = Job.objects.filter(owner=owner).first() or Job.objects.create(
        owner=owner,
        kind="trainings.flat",
        label="attendance",
        builder="trainings.excel.views.build_flat",
        digest="matrix",
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    return {"pk": job.pk}


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
    **ATTACHMENT_ROWS(EVERYONE, COORDINATORS, POST),
    "evaluation:workshop": (lambda: first(Workshop), EVERYONE),
    "evaluation:paper_feedback": (lambda: first(Workshop), EVERYONE),
    "evaluation:scores": (lambda: first(Workshop), EVERYONE),
    "evaluation:open_link": (lambda: first(Workshop), POST),
    "evaluation:close_link": (lambda: {"pk": feedback_link().pk}, POST),
    "evaluation:export": (lambda: first(Workshop), COORDINATORS),
    "evaluation:link_qr": (lambda: {"pk": feedback_link().pk}, EVERYONE),
    # A trainee's link: no login, the same page for anyone holding it (tests/evaluation).
    "answer:answer": (answer_token, (PAGE, PAGE, PAGE, PAGE)),
    "answer:done": (answer_token, (PAGE, PAGE, PAGE, PAGE)),
    "jobs:list": (dict, EVERYONE),
    "jobs:detail": (coordinators_job, (REDIRECT, NOT_FOUND, PAGE, PAGE)),
    # Not made yet: back to its page.
    "jobs:download": (coordinators_job, (REDIRECT, NOT_FOUND, REDIRECT, REDIRECT)),
    "jobs:retry": (coordinators_job, POST),
    "home": (dict, EVERYONE),
    "login": (dict, (PAGE, PAGE, PAGE, PAGE)),
    "logout": (dict, POST),
    "password_change": (dict, EVERYONE),
    "password_change_done": (dict, EVERYONE),
    "set_language": (dict, (REDIRECT, REDIRECT, REDIRECT, REDIRECT)),
    # Issue 16, offline: the worker and manifest are public; the queue endpoints answer JSON
    # (401 signed out, so a phone's script is not redirected); notes are POST only.
    "service_worker": (dict, (PAGE, PAGE, PAGE, PAGE)),
    "manifest": (dict, (PAGE, PAGE, PAGE, PAGE)),
    "trainings:offline_queue": (dict, EVERYONE),
    "trainings:offline_marks": (dict, (401, PAGE, PAGE, PAGE)),
    "coaching:offline_notes": (dict, (POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY)),
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
    # Issue 17: requests, waiting lists, meetings, the comparison of a project with the one it follows.
    **record_pages("trainings:request", OrganizationRequest),
    "trainings:request_review": (lambda: first(OrganizationRequest), POST),
    "trainings:waiting_place_leave": (lambda: first(WaitingPlace), POST),
    "trainings:workshop_fill_places": (lambda: first(Workshop), POST),
    **record_pages("services:meeting", Meeting),
    "services:meeting_attendance": (lambda: first(Meeting), EVERYONE),
    "reports:compare": (follower, EVERYONE),
    "reports:index": (dict, (REDIRECT, REDIRECT, REDIRECT, REDIRECT)),
    "reports:dashboard": (lambda: first(Project), EVERYONE),
    "reports:pdf": (lambda: first(Project), COORDINATORS),
    "reports:excel": (lambda: first(Project), COORDINATORS),
    # Issue 18: the IPTT, the programme and centre report, the results framework.
    "reports:iptt": (framed, EVERYONE),
    "reports:programme": (dict, EVERYONE),
    "reports:programme_pdf": (dict, COORDINATORS),
    "reports:programme_excel": (dict, COORDINATORS),
    "results:framework": (framed, EVERYONE),
    "results:result_create": (lambda: {"project": framed()["pk"]}, COORDINATORS),
    "results:result_update": (lambda: first(Result), COORDINATORS),
    "results:indicator_create": (lambda: {"project": framed()["pk"]}, COORDINATORS),
    "results:indicator_update": (lambda: first(Indicator), COORDINATORS),
    "results:indicator_values": (lambda: first(Indicator), COORDINATORS),
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


# The "other centre" column: a Coordinator of a centre the demo's records do not belong
# to. Every record page answers 404, as for a made-up id, so sequential ids tell nothing;
# pages without an id open (lists are then empty of the demo's records).
OTHER_CENTRE_PAGES = {"reports:index": PAGE}  # no project of hers: the page saying so
# Opened by what the URL carries (a certificate's code, a trainee's signed link), not by a centre.
HELD_BY_A_LINK = {"trainings:certificate_verify", "answer:answer", "answer:done"}


@pytest.fixture
def other_centre_client(clients):
    elsewhere = Centre.objects.create(
        name_ar="مركز آخر", name_en="Another centre", region=Centre.objects.first().region
    )
    user = get_user_model().objects.create_user("elsewhere", password="a-long-test-password")
    user.groups.add(*get_user_model().objects.get(username="coordinator").groups.all())
    user.centres.add(elsewhere)
    client = Client()
    client.force_login(user)
    return client


def test_another_centres_records_answer_404(other_centre_client):
    wrong = {}
    for name, (kwargs_of, expected) in MATRIX.items():
        kwargs = kwargs_of()
        coordinator = expected[2]
        if kwargs and coordinator != POST_ONLY and name not in HELD_BY_A_LINK:
            want = 404
        else:
            want = OTHER_CENTRE_PAGES.get(name, coordinator)
        got = other_centre_client.get(reverse(name, kwargs=kwargs)).status_code
        if got != want:
            wrong[name] = (got, want)
    assert wrong == {}


def test_another_centres_records_refuse_changes_with_404(other_centre_client):
    wrong = {}
    for name, (kwargs_of, expected) in MATRIX.items():
        kwargs = kwargs_of()
        if kwargs and expected[2] == POST_ONLY:
            got = other_centre_client.post(reverse(name, kwargs=kwargs)).status_code
            if got != 404:
                wrong[name] = got
    assert wrong == {}


def test_another_centres_lists_show_none_of_its_records(other_centre_client):
    for name, model in [
        ("organizations:organization_list", Organization),
        ("organizations:person_list", Person),
        ("trainings:project_list", Project),
        ("trainings:workshop_list", Workshop),
        ("coaching:engagement_list", CoachingEngagement),
        ("coaching:plan_list", StrategicPlan),
        ("services:consultation_list", Consultation),
        ("services:assessment_list", NeedsAssessment),
    ]:
        page = other_centre_client.get(reverse(name))
        assert page.status_code == 200
        assert not list(page.context["object_list"]), (name, model)
