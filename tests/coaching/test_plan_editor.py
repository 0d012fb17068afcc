import pytest
from django.urls import reverse

from coaching.models import Goal, Objective, PlanRevision, PlanStatus, PlanValue, StrategicPlan, SwotItem
from tests.coaching.helpers import page_data
from tests.factories import StrategicPlanFactory


@pytest.fixture
def plan(engagement):
    plan = StrategicPlanFactory(organization=engagement.organization, engagement=engagement)
    PlanValue.objects.create(plan=plan, order=1, text="الشفافية")
    PlanValue.objects.create(plan=plan, order=2, text="المشاركة")
    return plan


def edit_url(plan):
    return reverse("coaching:plan_edit", args=[plan.pk])


def opened(client, plan):
    """The editor's POST data as the browser would send it back untouched."""
    return page_data(client.get(edit_url(plan)))


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("engagement_detail", "coordinator"),
        ("engagement_update", "coordinator"),
        ("session_create", "coordinator"),
        ("plan_detail", "staff"),
        ("plan_edit", "staff"),
        ("plan_pdf", "staff"),
    ],
)
def test_coaching_pages_need_login_permission_and_a_real_id(
    client, outsider_user, staff_user, coordinator_user, plan, name, role
):
    pk = plan.pk if name.startswith("plan") else plan.engagement_id
    url = reverse(f"coaching:{name}", args=[pk])
    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(outsider_user)
    assert client.get(url).status_code == 403
    client.force_login(staff_user if role == "staff" else coordinator_user)
    assert client.get(url).status_code == 200
    assert client.get(reverse(f"coaching:{name}", args=[99999])).status_code == 404


def test_staff_creates_a_plan_from_an_engagement(staff_client, engagement):
    url = reverse("coaching:plan_create") + f"?engagement={engagement.pk}"
    form = staff_client.get(url).context["form"]
    assert form.initial["organization"] == engagement.organization_id
    data = {
        "organization": engagement.organization_id,
        "engagement": engagement.pk,
        "title": "خطة توتول",
        "start_year": 2021,
        "years": 5,
        "language": "ar",
    }
    response = staff_client.post(reverse("coaching:plan_create"), data)
    plan = StrategicPlan.objects.get()
    assert response["Location"] == edit_url(plan)
    assert plan.engagement == engagement and plan.version == 1 and plan.revisions.count() == 1


def test_rows_are_added_reordered_and_removed_in_one_save(staff_client, plan):
    data = opened(staff_client, plan)
    data.update({"vision": "رؤية جديدة", "values-0-order": "2", "values-1-order": "1"})
    data.update({"values-2-text": "المساءلة", "values-2-order": "3"})  # an extra row filled in
    data.update(
        {"swot-0-category": "S", "swot-0-text": "فريق ملتزم", "swot-1-category": "T", "swot-1-text": "عدم الاستقرار"}
    )
    response = staff_client.post(edit_url(plan), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert list(plan.values.values_list("text", "order")) == [("المشاركة", 1), ("الشفافية", 2), ("المساءلة", 3)]
    assert set(SwotItem.objects.values_list("category", "text")) == {("S", "فريق ملتزم"), ("T", "عدم الاستقرار")}
    data = opened(staff_client, plan)
    data["values-0-DELETE"] = "on"
    staff_client.post(edit_url(plan), data)
    assert list(plan.values.values_list("text", "order")) == [("الشفافية", 1), ("المساءلة", 2)]


def test_every_save_keeps_the_earlier_version(staff_client, plan, staff_user):
    data = opened(staff_client, plan)
    data["vision"] = "الرؤية الثانية"
    staff_client.post(edit_url(plan), data)
    plan.refresh_from_db()
    assert plan.version == 2
    revision = PlanRevision.objects.get(plan=plan, version=2)
    assert revision.data["vision"] == "الرؤية الثانية" and revision.saved_by == staff_user
    assert revision.data["values"] == ["الشفافية", "المشاركة"]
    detail = staff_client.get(plan.get_absolute_url()).content.decode()
    assert reverse("coaching:revision_pdf", args=[plan.pk, 2]) in detail


def test_a_row_error_keeps_every_typed_text_and_saves_nothing(staff_client, plan):
    data = opened(staff_client, plan)
    data.update({"vision": "رؤية لم تحفظ", "values-2-order": "3"})  # an extra row with an order but no text
    data.update({"stakeholders-0-name": "مجلس الرقة المدني", "stakeholders-0-kind": "authority"})
    response = staff_client.post(edit_url(plan), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "رؤية لم تحفظ" in html and "مجلس الرقة المدني" in html
    plan.refresh_from_db()
    assert plan.vision != "رؤية لم تحفظ" and plan.version == 1 and not plan.stakeholders.exists()


def test_a_stale_save_is_refused_with_a_message_and_the_text_kept(client, staff_user, coordinator_user, plan):
    client.force_login(staff_user)
    mine = opened(client, plan)
    client.force_login(coordinator_user)
    theirs = opened(client, plan)
    theirs["vision"] = "رؤية المنسق"
    assert client.post(edit_url(plan), theirs).status_code == 302
    client.force_login(staff_user)
    mine.update({"vision": "رؤيتي أنا", "values-2-text": "قيمة جديدة"})
    response = client.post(edit_url(plan), mine)
    assert response.status_code == 409
    html = response.content.decode()
    assert "حفظ شخص آخر هذه الخطة" in html and "رؤيتي أنا" in html and "قيمة جديدة" in html
    plan.refresh_from_db()
    assert plan.vision == "رؤية المنسق" and plan.version == 2
    assert not plan.values.filter(text="قيمة جديدة").exists()


def test_an_empty_vision_cannot_be_sent_for_approval(staff_client, plan):
    data = opened(staff_client, plan)
    data.update({"vision": "  ", "mission": "رسالة مكتوبة", "submit": "1"})
    response = staff_client.post(edit_url(plan), data)
    assert response.status_code == 200
    assert "اكتب الرؤية قبل إرسال الخطة للاعتماد" in response.content.decode()
    assert "رسالة مكتوبة" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.mission == ""
    StrategicPlan.objects.filter(pk=plan.pk).update(vision="")
    staff_client.post(reverse("coaching:plan_status", args=[plan.pk]), {"action": "submit", "version": 1})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_only_coordinators_approve_and_editing_makes_a_draft_again(client, staff_user, coordinator_user, plan):
    status_url = reverse("coaching:plan_status", args=[plan.pk])
    client.force_login(staff_user)
    client.post(status_url, {"action": "submit", "version": 1})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.REVIEW and plan.version == 2
    assert client.post(status_url, {"action": "approve", "version": 2}).status_code == 403
    client.force_login(coordinator_user)
    client.post(status_url, {"action": "approve", "version": 1})  # stale: refused
    plan.refresh_from_db()
    assert plan.status == PlanStatus.REVIEW
    client.post(status_url, {"action": "approve", "version": 2})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.approved_by == coordinator_user
    client.force_login(staff_user)
    data = opened(client, plan)
    data["mission"] = "رسالة معدلة"
    client.post(edit_url(plan), data)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.approved_by is None
    assert plan.revisions.filter(status=PlanStatus.APPROVED).exists()  # the approved text is kept


def objectives_url(plan, goal):
    return reverse("coaching:goal_objectives", args=[plan.pk, goal.pk])


def objective_data(client, plan, goal, **row):
    data = page_data(client.get(objectives_url(plan, goal)))
    values = {
        "text": "تدريب 150 شاباً",
        "indicator": "عدد المتدربين",
        "start_year": 2021,
        "start_quarter": 1,
        "end_year": 2022,
        "end_quarter": 4,
    }
    values.update(row)
    data.update({f"objectives-0-{key}": value for key, value in values.items()})
    return data


def test_objectives_are_saved_with_their_timeline(staff_client, plan):
    goal = Goal.objects.create(plan=plan, order=1, text="تعزيز مشاركة الشباب")
    response = staff_client.post(objectives_url(plan, goal), objective_data(staff_client, plan, goal))
    assert response.status_code == 302
    objective = Objective.objects.get()
    assert objective.start == (2021, 1) and objective.end == (2022, 4)
    plan.refresh_from_db()
    assert plan.version == 2 and plan.revisions.get(version=2).data["goals"][0]["objectives"][0]["end"] == [2022, 4]


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"end_year": 2025}, "end_year", "اختر سنة ضمن فترة الخطة (من 2021 إلى 2023)."),
        ({"start_year": 2020}, "start_year", "اختر سنة ضمن فترة الخطة (من 2021 إلى 2023)."),
        (
            {"start_year": 2022, "start_quarter": 3, "end_year": 2022, "end_quarter": 2},
            "end_quarter",
            "لا يمكن أن تكون النهاية قبل البداية.",
        ),
    ],
)
def test_bad_objective_timelines_are_refused_and_text_kept(staff_client, plan, row, field, message):
    goal = Goal.objects.create(plan=plan, order=1, text="هدف")
    response = staff_client.post(objectives_url(plan, goal), objective_data(staff_client, plan, goal, **row))
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors[field] == [message]
    assert "تدريب 150 شاباً" in response.content.decode()
    assert not Objective.objects.exists()
    plan.refresh_from_db()
    assert plan.version == 1


def test_the_period_cannot_shrink_below_the_objectives(staff_client, plan):
    goal = Goal.objects.create(plan=plan, order=1, text="هدف")
    Objective.objects.create(goal=goal, text="هدف فرعي", start_year=2021, start_quarter=1, end_year=2023, end_quarter=4)
    data = opened(staff_client, plan)
    data.update({"start_year": 2022})
    response = staff_client.post(edit_url(plan), data)
    assert response.status_code == 200 and "start_year" in response.context["form"].errors
    plan.refresh_from_db()
    assert plan.start_year == 2021


def test_goal_of_another_plan_is_not_found(staff_client, plan):
    other = Goal.objects.create(plan=StrategicPlanFactory(), order=1, text="هدف")
    assert staff_client.get(objectives_url(plan, other)).status_code == 404


def test_plan_list_shows_plans(staff_client, plan, django_assert_max_num_queries):
    StrategicPlanFactory.create_batch(3)
    with django_assert_max_num_queries(10) as few:
        html = staff_client.get(reverse("coaching:plan_list")).content.decode()
    assert plan.title in html
    StrategicPlanFactory.create_batch(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(reverse("coaching:plan_list"))
