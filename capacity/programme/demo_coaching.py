"""The demo's coaching phase: four days with each of the 15 organisations (late September to
December 2020), their action items, and the two example plans (example_plans.py).

Gets or creates by natural keys (project code, organisation name, session date, plan
title), so loading twice changes nothing. Needs the demo organisations (demo.py).
"""

from datetime import timedelta

from django.contrib.auth import get_user_model

from capacity.programme import catalogue
from capacity.programme.demo_training import demo_project
from capacity.programme.example_plans import DAYRNA, TUTTUL
from capacity.programme.users import login
from coaching.models import (
    ActionItem,
    AgendaItem,
    CoachingEngagement,
    CoachingSession,
    EngagementStatus,
    Goal,
    Objective,
    PlanRevision,
    PlanValue,
    Stakeholder,
    StrategicPlan,
    SwotItem,
)
from coaching.plans import plan_queryset, snapshot
from core.roles import STAFF
from organizations.models import Organization


def load():
    project, _training, phase = demo_project()
    username, first_name, last_name = catalogue.COACH
    coach = login(username, None, STAFF, first_name=first_name, last_name=last_name, centres=[project.centre])
    coaches = [coach, *get_user_model().objects.filter(username="staff")]
    agenda = {item.code: item for item in AgendaItem.objects.all()}
    organizations = Organization.objects.filter(name_ar__in=catalogue.ORGANIZATION_NAMES).order_by("pk")
    for index, org in enumerate(organizations):
        engagement, _ = CoachingEngagement.objects.get_or_create(
            project=project,
            organization=org,
            defaults={"phase": phase, "planned_days": 4, "status": EngagementStatus.COMPLETED},
        )
        engagement.coaches.add(*coaches)
        _days(engagement, index, list(org.people.all()[:2]), agenda)
    plans = [_plan(project, spec) for spec in (TUTTUL, DAYRNA)]
    return (
        f"{CoachingEngagement.objects.filter(project=project).count()} engagements, "
        f"{CoachingSession.objects.filter(engagement__project=project).count()} sessions, "
        f"{len([p for p in plans if p])} example plans"
    )


def _days(engagement, index, people, agenda):
    """The four coaching days of one organisation, each with its action item."""
    for day, codes in enumerate(catalogue.COACHING_DAYS):
        when = catalogue.COACHING_FIRST_DAY + timedelta(days=day * 24 + index)
        session, created = CoachingSession.objects.get_or_create(
            engagement=engagement, date=when, defaults={"hours": 5, "notes": catalogue.COACHING_NOTES[day]}
        )
        if created:
            session.participants.add(*people)
            # Every fifth organisation has not reached the monitoring of its plan yet.
            covered = codes[:1] if day == 3 and index % 5 == 4 else codes
            session.agenda_items.add(*[agenda[c] for c in covered if c in agenda])
        ActionItem.objects.get_or_create(
            engagement=engagement,
            session=session,
            text=catalogue.COACHING_ACTIONS[day],
            defaults={
                "owner": people[0].full_name if people else "",
                "due_date": when + timedelta(days=10),
                "done": day < 3,
            },
        )


def _plan(project, spec):
    """Write one example plan with its parts and first revision (once)."""
    org = Organization.objects.filter(name_ar=spec["organization"]).first()
    if org is None:
        return None
    plan, created = StrategicPlan.objects.get_or_create(
        organization=org,
        title=spec["title"],
        defaults={
            "engagement": CoachingEngagement.objects.filter(project=project, organization=org).first(),
            **spec["fields"],
        },
    )
    if not created:
        return plan
    for order, text in enumerate(spec["values"], start=1):
        PlanValue.objects.create(plan=plan, order=order, text=text)
    for order, (name, kind, role) in enumerate(spec["stakeholders"], start=1):
        Stakeholder.objects.create(plan=plan, order=order, name=name, kind=kind, role=role)
    for category, items in spec["swot"].items():
        for order, text in enumerate(items, start=1):
            SwotItem.objects.create(plan=plan, category=category, order=order, text=text)
    for g, (goal_text, objectives) in enumerate(spec["goals"], start=1):
        goal = Goal.objects.create(plan=plan, order=g, text=goal_text)
        for o, (text, indicator, baseline, target, responsible, start, end) in enumerate(objectives, start=1):
            Objective.objects.create(
                goal=goal,
                order=o,
                text=text,
                indicator=indicator,
                baseline=baseline,
                target=target,
                responsible=responsible,
                start_year=start[0],
                start_quarter=start[1],
                end_year=end[0],
                end_quarter=end[1],
            )
    fresh = plan_queryset().get(pk=plan.pk)
    PlanRevision.objects.create(plan=plan, version=plan.version, status=plan.status, data=snapshot(fresh))
    return plan
