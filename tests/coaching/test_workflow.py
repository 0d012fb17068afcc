"""The plan workflow: every step, who may take it, what it needs, and every door that asks it.

The plan page's buttons, its status form, the editors (plan page, goal page, admin) and the
admin's actions all go through coaching/workflow.py; these tests hold each door to the same result.
"""

import pytest
from django.contrib import messages as message_levels
from django.urls import reverse

from coaching import workflow
from coaching.models import Goal, Objective, PlanRevision, PlanStatus, StrategicPlan
from core.roles import COORDINATOR, STAFF
from tests.coaching.helpers import at_once, needs_threads, page_data
from tests.factories import StrategicPlanFactory, UserFactory

DRAFT, REVIEW, APPROVED = PlanStatus.DRAFT, PlanStatus.REVIEW, PlanStatus.APPROVED
VISION_NEEDED = "اكتب الرؤية قبل إرسال الخطة للاعتماد."


@pytest.fixture
def plan(engagement):
    return StrategicPlanFactory(organization=engagement.organization, engagement=engagement)


@pytest.fixture
def staff_admin(db):
    """A Staff member who may also open the admin: the admin must not let them do more than the app."""
    return UserFactory(username="staff-admin", role=STAFF, is_staff=True)


@pytest.fixture
def coordinator_admin(db):
    return UserFactory(username="coordinator-admin", role=COORDINATOR, is_staff=True)


def bring_to(plan, status, staff, coordinator):
    """Walk plan through the workflow to status, as people would."""
    if status in (REVIEW, APPROVED):
        workflow.apply(plan, "submit", staff)
    if status == APPROVED:
        workflow.apply(plan, "approve", coordinator)
    plan.refresh_from_db()
    assert plan.status == status
    return plan


def post_status(client, plan, action, version=None):
    url = reverse("coaching:plan_status", args=[plan.pk])
    return client.post(url, {"action": action, "version": version or plan.version}, follow=True)


def levels(response):
    return [message.level for message in response.context["messages"]]


def texts(response):
    return [str(message) for message in response.context["messages"]]


# ---------------------------------------------------------------- the steps


@pytest.mark.parametrize(
    ("start", "action", "end"),
    [(DRAFT, "submit", REVIEW), (REVIEW, "approve", APPROVED), (REVIEW, "draft", DRAFT), (APPROVED, "draft", DRAFT)],
)
def test_every_step_moves_the_plan_and_keeps_a_revision(
    coordinator_client, staff_user, coordinator_user, plan, start, action, end
):
    bring_to(plan, start, staff_user, coordinator_user)
    before = plan.version
    response = post_status(coordinator_client, plan, action)
    assert levels(response) == [message_levels.SUCCESS]
    plan.refresh_from_db()
    assert plan.status == end and plan.version == before + 1
    revision = plan.revisions.get(version=plan.version)
    assert revision.status == end and revision.saved_by == coordinator_user
    assert revision.note == str(workflow.ACTIONS[action].done)
    if end == APPROVED:
        assert plan.approved_by == coordinator_user and plan.approved_at is not None
        assert revision.data["approved_at"] == plan.approved_at.isoformat()
    else:
        assert plan.approved_by is None and plan.approved_at is None


@pytest.mark.parametrize(
    ("start", "action"),
    [(DRAFT, "approve"), (APPROVED, "submit")],
)
def test_a_step_from_the_wrong_status_is_refused_with_a_message(
    coordinator_client, staff_user, coordinator_user, plan, start, action
):
    bring_to(plan, start, staff_user, coordinator_user)
    before = plan.version
    response = post_status(coordinator_client, plan, action)
    assert response.status_code == 200 and levels(response) == [message_levels.ERROR]
    plan.refresh_from_db()
    assert plan.status == start and plan.version == before
    if action == "approve":
        assert texts(response) == ["لا تُعتمد إلا خطة أُرسلت للاعتماد."]


def test_an_unknown_step_is_refused_without_change(coordinator_client, plan):
    response = post_status(coordinator_client, plan, "publish")
    assert texts(response) == ["تعذّر تنفيذ هذا الإجراء."]
    plan.refresh_from_db()
    assert plan.status == DRAFT and plan.version == 1


# ---------------------------------------------------------------- who may


@pytest.mark.parametrize(
    ("role", "start", "action", "allowed"),
    [
        ("staff", DRAFT, "submit", True),
        ("staff", REVIEW, "approve", False),
        ("staff", REVIEW, "draft", True),
        ("staff", APPROVED, "draft", True),
        ("coordinator", DRAFT, "submit", True),
        ("coordinator", REVIEW, "approve", True),
        ("coordinator", APPROVED, "draft", True),
        ("outsider", DRAFT, "submit", False),
        ("outsider", REVIEW, "draft", False),
    ],
)
def test_each_step_is_open_to_its_roles_only(
    client, staff_user, coordinator_user, outsider_user, plan, role, start, action, allowed
):
    user = {"staff": staff_user, "coordinator": coordinator_user, "outsider": outsider_user}[role]
    bring_to(plan, start, staff_user, coordinator_user)
    before = plan.version
    client.force_login(user)
    response = client.post(reverse("coaching:plan_status", args=[plan.pk]), {"action": action, "version": before})
    assert response.status_code == (302 if allowed else 403)
    plan.refresh_from_db()
    assert (plan.version == before + 1) is allowed
    assert workflow.permitted(action, user) is allowed
    if not allowed:
        with pytest.raises(workflow.Refused):
            workflow.apply(plan, action, user)


@pytest.mark.parametrize(
    ("role", "status", "buttons"),
    [
        ("staff", DRAFT, ["submit"]),
        ("staff", REVIEW, ["draft"]),
        ("staff", APPROVED, ["draft"]),
        ("coordinator", DRAFT, ["submit"]),
        ("coordinator", REVIEW, ["approve", "draft"]),
        ("coordinator", APPROVED, ["draft"]),
    ],
)
def test_the_plan_page_shows_the_buttons_the_workflow_allows(
    client, staff_user, coordinator_user, plan, role, status, buttons
):
    bring_to(plan, status, staff_user, coordinator_user)
    client.force_login(staff_user if role == "staff" else coordinator_user)
    html = client.get(plan.get_absolute_url()).content.decode()
    shown = [name for name in workflow.ACTIONS if f'name="action" value="{name}"' in html]
    assert shown == buttons
    user = staff_user if role == "staff" else coordinator_user
    assert [action.name for action in workflow.allowed_actions(plan, user)] == buttons


# ---------------------------------------------------------------- what a step needs


@pytest.mark.parametrize(("start", "action"), [(DRAFT, "submit"), (REVIEW, "approve")])
def test_submitting_or_approving_needs_a_vision(coordinator_client, staff_user, coordinator_user, plan, start, action):
    bring_to(plan, start, staff_user, coordinator_user)
    StrategicPlan.objects.filter(pk=plan.pk).update(vision="  \n ")
    response = post_status(coordinator_client, plan, action)
    assert texts(response) == [VISION_NEEDED]
    plan.refresh_from_db()
    assert plan.status == start
    assert workflow.check(plan, action, coordinator_user) == [VISION_NEEDED]


def test_returning_to_draft_needs_no_vision(coordinator_client, staff_user, coordinator_user, plan):
    bring_to(plan, REVIEW, staff_user, coordinator_user)
    StrategicPlan.objects.filter(pk=plan.pk).update(vision="")
    post_status(coordinator_client, plan, "draft")
    plan.refresh_from_db()
    assert plan.status == DRAFT


def test_save_and_send_shows_the_missing_vision_next_to_its_field(staff_client, plan):
    url = reverse("coaching:plan_edit", args=[plan.pk])
    data = page_data(staff_client.get(url)) | {"vision": "", "submit": "1"}
    response = staff_client.post(url, data)
    assert response.context["form"].errors["vision"] == [VISION_NEEDED]
    data["vision"] = "رؤية مكتوبة"
    assert staff_client.post(url, data).status_code == 302
    plan.refresh_from_db()
    assert plan.status == REVIEW and plan.version == 2
    assert plan.revisions.get(version=2).note == str(workflow.ACTIONS["submit"].done)


# ---------------------------------------------------------------- asked twice


@pytest.mark.parametrize(("start", "action", "end"), [(DRAFT, "submit", REVIEW), (REVIEW, "approve", APPROVED)])
def test_a_step_posted_twice_is_done_once(coordinator_client, staff_user, coordinator_user, plan, start, action, end):
    bring_to(plan, start, staff_user, coordinator_user)
    opened = plan.version  # both posts come from the same page, as a double click sends them
    first = post_status(coordinator_client, plan, action, opened)
    second = post_status(coordinator_client, plan, action, opened)
    assert levels(first) == levels(second) == [message_levels.SUCCESS]
    assert second.status_code == 200
    plan.refresh_from_db()
    assert plan.status == end and plan.version == opened + 1
    assert plan.revisions.filter(version__gt=opened).count() == 1


def test_the_edit_page_send_on_a_plan_already_in_review_keeps_it_there(staff_client, staff_user, plan):
    workflow.apply(plan, "submit", staff_user)
    plan.refresh_from_db()
    url = reverse("coaching:plan_edit", args=[plan.pk])
    data = page_data(staff_client.get(url)) | {"mission": "رسالة", "submit": "1"}
    assert staff_client.post(url, data).status_code == 302
    plan.refresh_from_db()
    assert plan.status == REVIEW and plan.mission == "رسالة"


@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_the_same_moment_approve_once():
    needs_threads()
    staff = UserFactory(username="staff-t", role=STAFF)
    coordinators = [UserFactory(username=f"coordinator-{n}", role=COORDINATOR) for n in (1, 2)]
    plan = StrategicPlanFactory()
    workflow.apply(plan, "submit", staff)
    outcome = at_once([lambda user=user: workflow.apply(plan, "approve", user, version=2) for user in coordinators])
    assert sorted(result.changed for result in outcome.values()) == [False, True]  # no StaleEdit, no error
    plan.refresh_from_db()
    assert plan.status == APPROVED and plan.version == 3
    assert PlanRevision.objects.filter(plan=plan, note=str(workflow.ACTIONS["approve"].done)).count() == 1


# ---------------------------------------------------------------- an edit of an approved plan


def admin_change_data(client, plan):
    """The admin's change form of plan posted back as it stands."""
    form = client.get(reverse("admin:coaching_strategicplan_change", args=[plan.pk])).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, "")}
    return data | {"_save": "1"}


def edit_on_plan_page(client, plan):
    url = reverse("coaching:plan_edit", args=[plan.pk])
    return client.post(url, page_data(client.get(url)) | {"mission": "رسالة معدلة"})


def edit_on_goal_page(client, plan):
    goal = Goal.objects.create(plan=plan, order=1, text="هدف")
    url = reverse("coaching:goal_objectives", args=[plan.pk, goal.pk])
    data = page_data(client.get(url))
    row = {"text": "هدف فرعي", "start_year": 2021, "start_quarter": 1, "end_year": 2021, "end_quarter": 4}
    data.update({f"objectives-0-{key}": value for key, value in row.items()})
    response = client.post(url, data)
    assert Objective.objects.filter(goal=goal).exists()
    return response


def edit_in_admin(client, plan):
    data = admin_change_data(client, plan) | {"mission": "رسالة معدلة", "status": DRAFT}
    return client.post(reverse("admin:coaching_strategicplan_change", args=[plan.pk]), data)


@pytest.mark.parametrize("editor", [edit_on_plan_page, edit_on_goal_page, edit_in_admin])
def test_an_edit_of_an_approved_plan_makes_it_a_draft_again_from_every_editor(
    client, staff_admin, coordinator_user, plan, editor
):
    bring_to(plan, APPROVED, staff_admin, coordinator_user)
    approved_version = plan.version
    client.force_login(staff_admin)
    page = client.get(reverse("coaching:plan_edit", args=[plan.pk])).content.decode()
    assert "هذه الخطة معتمدة" in page  # the warning before saving
    response = editor(client, plan)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == DRAFT and plan.approved_by is None and plan.approved_at is None
    assert plan.version == approved_version + 1 and plan.updated_by == staff_admin
    assert plan.revisions.get(version=plan.version).status == DRAFT
    assert plan.revisions.get(version=approved_version).status == APPROVED  # the approved text is kept


@pytest.mark.parametrize("editor", [edit_on_plan_page, edit_on_goal_page, edit_in_admin])
def test_an_edit_of_a_plan_in_review_leaves_it_in_review(client, staff_admin, coordinator_user, plan, editor):
    bring_to(plan, REVIEW, staff_admin, coordinator_user)
    client.force_login(staff_admin)
    assert editor(client, plan).status_code == 302
    plan.refresh_from_db()
    assert plan.status == REVIEW and plan.version == 3


# ---------------------------------------------------------------- the admin: the same rules


def run_admin_action(client, plan, action):
    url = reverse("admin:coaching_strategicplan_changelist")
    return client.post(url, {"action": f"plan_{action}", "_selected_action": [plan.pk], "index": 0}, follow=True)


def test_the_admin_cannot_set_the_status_by_hand(client, coordinator_admin, plan):
    client.force_login(coordinator_admin)
    data = admin_change_data(client, plan) | {"status": APPROVED}
    assert client.post(reverse("admin:coaching_strategicplan_change", args=[plan.pk]), data).status_code == 302
    plan.refresh_from_db()
    assert plan.status == DRAFT and plan.approved_by is None
    assert plan.version == 2 and plan.revisions.get(version=2).saved_by == coordinator_admin


def test_the_admin_offers_each_role_only_its_steps(client, staff_admin, coordinator_admin, plan):
    url = reverse("admin:coaching_strategicplan_changelist")
    offered = {}
    for user in (staff_admin, coordinator_admin):
        client.force_login(user)
        html = client.get(url).content.decode()
        offered[user.username] = [name for name in workflow.ACTIONS if f'value="plan_{name}"' in html]
    assert offered == {"staff-admin": ["submit", "draft"], "coordinator-admin": ["submit", "approve", "draft"]}


@pytest.mark.parametrize(
    ("role", "start", "action"),
    [
        ("staff", DRAFT, "submit"),
        ("staff", APPROVED, "draft"),
        ("coordinator", REVIEW, "approve"),
        ("coordinator", DRAFT, "approve"),  # refused: not sent for approval
        ("coordinator", APPROVED, "submit"),  # refused: not a draft
        ("coordinator", APPROVED, "approve"),  # already done: nothing changes
    ],
)
def test_the_admin_action_and_the_plan_page_give_the_same_result(
    client, staff_admin, coordinator_admin, engagement, role, start, action
):
    user = staff_admin if role == "staff" else coordinator_admin
    results = []
    for door in ("page", "admin"):
        plan = StrategicPlanFactory(organization=engagement.organization)
        bring_to(plan, start, staff_admin, coordinator_admin)
        client.force_login(user)
        response = post_status(client, plan, action) if door == "page" else run_admin_action(client, plan, action)
        assert response.status_code == 200
        plan.refresh_from_db()
        results.append((plan.status, plan.version, plan.revisions.count(), plan.approved_by, levels(response)))
    assert results[0] == results[1]


def test_the_admin_refuses_a_step_with_the_apps_message(client, coordinator_admin, plan):
    StrategicPlan.objects.filter(pk=plan.pk).update(vision="")
    client.force_login(coordinator_admin)
    response = run_admin_action(client, plan, "submit")
    assert [f"{plan}: {VISION_NEEDED}"] == [text for text in texts(response) if VISION_NEEDED in text]
    plan.refresh_from_db()
    assert plan.status == DRAFT and plan.version == 1


def test_a_stale_admin_form_is_refused_whole(client, coordinator_admin, staff_user, plan):
    client.force_login(coordinator_admin)
    data = admin_change_data(client, plan) | {"mission": "رسالة من الإدارة"}
    workflow.apply(plan, "submit", staff_user)  # someone moves the plan meanwhile
    response = client.post(reverse("admin:coaching_strategicplan_change", args=[plan.pk]), data)
    assert response.status_code == 200 and "حفظ شخص آخر هذه الخطة" in response.content.decode()
    plan.refresh_from_db()
    assert plan.mission == "" and plan.status == REVIEW and plan.version == 2


def test_a_plan_added_in_the_admin_starts_as_a_draft_with_its_first_revision(client, coordinator_admin, engagement):
    client.force_login(coordinator_admin)
    data = {
        "organization": engagement.organization_id,
        "title": "خطة من الإدارة",
        "start_year": 2021,
        "years": 3,
        "language": "ar",
        "status": APPROVED,
        "_save": "1",
    }
    assert client.post(reverse("admin:coaching_strategicplan_add"), data).status_code == 302
    plan = StrategicPlan.objects.get(title="خطة من الإدارة")
    assert plan.status == DRAFT and plan.version == 1
    assert plan.revisions.get().saved_by == coordinator_admin
