import datetime

from django.urls import reverse

from coaching.models import ActionItem, AgendaItem, CoachingEngagement, CoachingSession
from coaching.panels import organization_panel, project_panel
from tests.coaching.helpers import page_data
from tests.factories import CoachingSessionFactory, EngagementFactory, OrganizationFactory, PersonFactory

LIST = reverse("coaching:engagement_list")


def test_agenda_catalogue_is_seeded_in_both_languages(db):
    items = list(AgendaItem.objects.all())
    assert len(items) == 9
    assert items[0].name_ar == "الرؤية والرسالة والقيم" and items[0].name_en == "Vision, mission and values"
    assert items[-1].code == "monitoring-evaluation"


def test_progress_table_shows_days_against_planned_and_open_agenda(staff_client, engagement):
    agenda = list(AgendaItem.objects.all())
    first = CoachingSessionFactory(engagement=engagement, date=datetime.date(2020, 10, 1))
    first.agenda_items.add(*agenda[:3])
    second = CoachingSessionFactory(engagement=engagement, date=datetime.date(2020, 10, 20))
    second.agenda_items.add(agenda[2], agenda[3])
    response = staff_client.get(LIST)
    html = response.content.decode()
    row = response.context["object_list"][0]
    assert row.days_delivered == 2 and row.planned_days == 4
    assert [i.pk for i in row.covered_agenda] == [i.pk for i in agenda[:4]]
    assert "2 من 4 أيام" in html or "2 of 4 days" in html
    assert "4 / 9" in html
    assert agenda[-1].name_ar in html  # still open
    assert reverse("coaching:engagement_create") not in html


def test_progress_table_query_count_does_not_grow(staff_client, engagement, django_assert_max_num_queries):
    CoachingSessionFactory(engagement=engagement).agenda_items.add(AgendaItem.objects.first())
    with django_assert_max_num_queries(12) as few:
        staff_client.get(LIST)
    for _ in range(8):
        other = EngagementFactory(project=engagement.project)
        CoachingSessionFactory(engagement=other).agenda_items.add(*AgendaItem.objects.all()[:2])
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(LIST)


def test_list_filters_by_organisation_name(staff_client, engagement):
    EngagementFactory(project=engagement.project, organization__name_ar="نبض")
    names = [e.organization.name_ar for e in staff_client.get(LIST, {"q": "نبض"}).context["object_list"]]
    assert names == ["نبض"]


def test_coordinator_creates_an_engagement_once_per_organisation(coordinator_client, engagement, coach):
    data = {
        "project": engagement.project.pk,
        "organization": OrganizationFactory().pk,
        "coaches": [coach.pk],
        "planned_days": 4,
        "status": "planned",
    }
    response = coordinator_client.post(reverse("coaching:engagement_create"), data)
    created = CoachingEngagement.objects.latest("pk")
    assert response.status_code == 302 and list(created.coaches.all()) == [coach]
    assert created.phase.kind == "coaching"  # the project's coaching phase, found by itself
    data["organization"] = engagement.organization.pk
    again = coordinator_client.post(reverse("coaching:engagement_create"), data)
    assert again.status_code == 200 and again.context["form"].errors
    assert CoachingEngagement.objects.count() == 2


def test_staff_may_not_create_engagements(staff_client, engagement):
    assert staff_client.get(reverse("coaching:engagement_create")).status_code == 403


def session_post(client, engagement, **extra):
    url = reverse("coaching:session_create", args=[engagement.pk])
    data = page_data(client.get(url))
    people = list(engagement.organization.people.all())
    agenda = list(AgendaItem.objects.all()[:2])
    data.update(
        {
            "date": "2020-10-05",
            "hours": "5",
            "participants": [p.pk for p in people],
            "agenda_items": [a.pk for a in agenda],
            "notes": "صياغة الرؤية مع مجلس الإدارة",
            "actions-0-text": "إرسال مسودة الرؤية",
            "actions-0-owner": "فاطمة",
            "actions-0-due_date": "2020-10-15",
        }
    )
    data.update(extra)
    return client.post(url, data)


def test_staff_records_a_session_with_participants_agenda_and_follow_ups(staff_client, engagement):
    response = session_post(staff_client, engagement)
    assert response.status_code == 302
    session = CoachingSession.objects.get()
    assert session.participants.count() == 2 and session.agenda_items.count() == 2
    action = ActionItem.objects.get()
    assert action.engagement == engagement and action.session == session and not action.done
    page = staff_client.get(engagement.get_absolute_url()).content.decode()
    assert "صياغة الرؤية مع مجلس الإدارة" in page and "إرسال مسودة الرؤية" in page
    assert "1 من 4 أيام" in page


def test_session_outside_the_coaching_period_is_refused_and_text_kept(staff_client, engagement):
    response = session_post(staff_client, engagement, date="2021-03-01")
    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    assert "صياغة الرؤية مع مجلس الإدارة" in response.content.decode()
    assert not CoachingSession.objects.exists() and not ActionItem.objects.exists()


def test_a_participant_from_another_organisation_is_refused(staff_client, engagement):
    stranger = PersonFactory()
    response = session_post(staff_client, engagement, participants=[stranger.pk])
    assert "participants" in response.context["form"].errors
    assert not CoachingSession.objects.exists()


def test_action_item_can_be_marked_done(staff_client, engagement, outsider_user, client):
    item = ActionItem.objects.create(engagement=engagement, text="متابعة")
    url = reverse("coaching:action_toggle", args=[item.pk])
    assert staff_client.get(url).status_code == 405
    staff_client.post(url)
    item.refresh_from_db()
    assert item.done


def test_outsider_cannot_toggle_action_items(client, outsider_user, engagement):
    item = ActionItem.objects.create(engagement=engagement, text="متابعة")
    client.force_login(outsider_user)
    assert client.post(reverse("coaching:action_toggle", args=[item.pk])).status_code == 403


def test_organisation_page_shows_the_coaching_panel(staff_client, engagement):
    CoachingSessionFactory(engagement=engagement)
    html = staff_client.get(engagement.organization.get_absolute_url()).content.decode()
    assert engagement.get_absolute_url() in html
    assert "1 من 4 أيام" in html


def test_panels_show_nothing_to_outsiders_and_the_table_to_staff(rf, outsider_user, staff_user, engagement):
    request = rf.get("/")
    request.user = outsider_user
    assert organization_panel(request, engagement.organization) == ""
    assert project_panel(request, engagement.project) == ""
    request.user = staff_user
    html = project_panel(request, engagement.project)
    assert "توتول" in html and "0 من 4 أيام" in html
    assert reverse("coaching:project_plans_zip", args=[engagement.project.pk]) not in html


def test_home_page_lists_plans_to_approve_and_the_coachs_open_engagements(client, coordinator_user, engagement, coach):
    from coaching.models import PlanStatus
    from tests.factories import StrategicPlanFactory

    StrategicPlanFactory(title="خطة بانتظار الاعتماد", status=PlanStatus.REVIEW)
    engagement.coaches.add(coach)
    client.force_login(coordinator_user)
    assert "خطة بانتظار الاعتماد" in client.get("/").content.decode()
    client.force_login(coach)
    html = client.get("/").content.decode()
    assert "خطة بانتظار الاعتماد" not in html  # staff do not approve
    assert engagement.get_absolute_url() in html and "0 من 4 أيام" in html


def test_session_changes_are_kept_and_shown_to_administrators(staff_client, admin_user, engagement):
    from django.test import Client
    from django.urls import reverse

    session_post(staff_client, engagement)
    session = CoachingSession.objects.get()
    session.notes = "تحديث الملاحظات بعد الجلسة"
    session.save()
    assert [h.history_type for h in session.history.order_by("history_date")] == ["+", "~"]
    edit = reverse("coaching:session_update", args=[session.pk])
    assert "سجل التغييرات" not in staff_client.get(edit).content.decode()
    admin = Client()
    admin.force_login(admin_user)
    html = admin.get(edit).content.decode()
    assert "سجل التغييرات" in html and "تحديث الملاحظات بعد الجلسة" in html
