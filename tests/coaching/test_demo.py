import pytest

from capacity.programme import demo_coaching as demo
from capacity.programme import demo_organisations
from coaching.models import CoachingEngagement, CoachingSession, PlanStatus, StrategicPlan


@pytest.mark.django_db
def test_demo_makes_fifteen_engagements_of_four_days_and_two_plans_and_is_idempotent():
    demo_organisations.load()
    summary = demo.load()
    assert summary == "15 engagements, 60 sessions, 2 example plans"
    assert demo.load() == summary
    engagements = CoachingEngagement.objects.with_progress()
    assert engagements.count() == 15
    assert {e.days_delivered for e in engagements} == {4}
    dates = CoachingSession.objects.values_list("date", flat=True)
    assert min(dates).isoformat() >= "2020-09-20" and max(dates).isoformat() <= "2020-12-31"
    assert max(dates).month == 12 and min(dates).month == 9
    plans = StrategicPlan.objects.order_by("pk")
    assert [p.status for p in plans] == [PlanStatus.APPROVED, PlanStatus.REVIEW]
    assert all(p.goals.exists() and p.swot_items.count() >= 8 and p.revisions.exists() for p in plans)
    assert engagements.get(organization__name_ar="توتول").project.code == "CB-2020"
