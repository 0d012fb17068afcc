"""Saving a strategic plan safely, its snapshots, and its PDF.

Every save of a plan goes through `locked_save`: one UPDATE ... WHERE
version = n both checks that nobody saved in between and claims version
n + 1, inside the same transaction as every row written, so a stale edit
is refused whole and nothing is half-saved. Each save then stores a
PlanRevision holding `snapshot(plan)`, the JSON that the PDF is drawn
from, so an earlier version can still be printed. Which status a save
leaves the plan in is coaching/workflow.py's to say; the pages and the
admin save through it.
"""

import hashlib
import json
import tempfile
import zipfile

from django.db import transaction
from django.db.models import F, Prefetch
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from coaching.models import Objective, PlanRevision, PlanStatus, StakeholderKind, StrategicPlan, SwotCategory
from core.jobs import files as job_files
from core.pdf import render_pdf

STALE_MESSAGE = _(
    "Someone else saved this plan while you were editing it (it is now at version %(current)s; you started "
    "from version %(yours)s). Nothing of yours was saved, and your text is still in the form below. Open the "
    "plan in a new tab to see their changes, copy what you need, then reload this page."
)


class StaleEdit(Exception):
    """The plan was saved by someone else since this form was opened."""

    def __init__(self, current_version):
        super().__init__(current_version)
        self.current_version = current_version

    def message(self, yours):
        """What to tell the person whose form was opened on version `yours`."""
        return STALE_MESSAGE % {"current": self.current_version, "yours": yours}


def locked_save(plan, expected_version, user, write=None, note=""):
    """Run write() as version expected_version + 1 of plan, or raise StaleEdit; keep a revision."""
    with transaction.atomic():
        claimed = StrategicPlan.objects.filter(pk=plan.pk, version=expected_version).update(
            version=F("version") + 1, updated_at=timezone.now(), updated_by=user
        )
        if not claimed:
            current = StrategicPlan.objects.filter(pk=plan.pk).values_list("version", flat=True).first()
            raise StaleEdit(current)
        plan.version = expected_version + 1
        plan.updated_by = user
        if write is not None:
            write()
        plan.save()
        keep_revision(plan, user, note)
    return plan


def first_save(plan, user):
    """Create a plan as its version 1, kept as its first revision (the plan page and the admin alike)."""
    with transaction.atomic():
        plan.updated_by = user
        plan.save()
        keep_revision(plan, user)
    return plan


def keep_revision(plan, user, note=""):
    """Store the plan as it now stands in the database as a PlanRevision of its current version."""
    fresh = plan_queryset().get(pk=plan.pk)
    return PlanRevision.objects.create(
        plan=plan, version=fresh.version, status=fresh.status, data=snapshot(fresh), saved_by=user, note=note
    )


def plan_queryset():
    return StrategicPlan.objects.select_related("organization", "approved_by").prefetch_related(
        "values",
        "stakeholders",
        "swot_items",
        "goals",
        Prefetch("goals__objectives", queryset=Objective.objects.order_by("order", "pk")),
    )


def snapshot(plan):
    """The whole plan as plain JSON data: what a revision keeps and what the PDF prints."""
    return {
        "version": plan.version,
        "title": plan.title,
        "organization": {"name_ar": plan.organization.name_ar, "name_en": plan.organization.name_en},
        "start_year": plan.start_year,
        "years": plan.years,
        "status": plan.status,
        "language": plan.language,
        "vision": plan.vision,
        "mission": plan.mission,
        "achievements": plan.achievements,
        "values": [v.text for v in plan.values.all()],
        "stakeholders": [{"name": s.name, "kind": s.kind, "role": s.role} for s in plan.stakeholders.all()],
        "swot": {code: [i.text for i in plan.swot_items.all() if i.category == code] for code in SwotCategory.values},
        "goals": [
            {
                "text": goal.text,
                "objectives": [
                    {
                        "text": o.text,
                        "indicator": o.indicator,
                        "baseline": o.baseline,
                        "target": o.target,
                        "responsible": o.responsible,
                        "start": [o.start_year, o.start_quarter],
                        "end": [o.end_year, o.end_quarter],
                    }
                    for o in goal.objectives.all()
                ],
            }
            for goal in plan.goals.all()
        ],
        "me": {
            "reviewed": plan.me_reviewed,
            "frequency": plan.me_frequency,
            "by_whom": plan.me_by_whom,
            "midterm": plan.midterm_evaluation,
            "final": plan.final_evaluation,
        },
        "approved_at": plan.approved_at.isoformat() if plan.approved_at else None,
        "saved_at": (plan.updated_at or timezone.now()).isoformat(),
    }


def _pdf_context(data, printed_on):
    years = list(range(data["start_year"], data["start_year"] + data["years"]))
    columns = [(year, quarter) for year in years for quarter in (1, 2, 3, 4)]
    goals, timeline = [], []
    for g, goal in enumerate(data["goals"], start=1):
        objectives = []
        for o, objective in enumerate(goal["objectives"], start=1):
            number = f"{g}.{o}"
            start, end = tuple(objective["start"]), tuple(objective["end"])
            objectives.append({**objective, "number": number})
            timeline.append(
                {"number": number, "text": objective["text"], "cells": [start <= col <= end for col in columns]}
            )
        goals.append({"number": g, "text": goal["text"], "objectives": objectives})
    org = data["organization"]
    kinds = dict(StakeholderKind.choices)
    return {
        "plan": data,
        "organization_name": org["name_en"] if data["language"] == "en" and org["name_en"] else org["name_ar"],
        "end_year": data["start_year"] + data["years"] - 1,
        "status_label": dict(PlanStatus.choices).get(data["status"], data["status"]),
        "is_approved": data["status"] == PlanStatus.APPROVED,
        "swot": [(code, label, data["swot"].get(code, [])) for code, label in SwotCategory.choices],
        "stakeholders": [{**s, "kind_label": kinds.get(s["kind"], s["kind"])} for s in data["stakeholders"]],
        "goals": goals,
        "years": years,
        "quarters": (1, 2, 3, 4),
        "timeline": timeline,
        "printed_on": printed_on,
    }


def render_plan_pdf(data, printed_on=None):
    """PDF bytes of a plan snapshot, in the plan's own language and direction."""
    with translation.override(data["language"]):
        context = _pdf_context(data, printed_on or timezone.localdate())
        return render_pdf("coaching/plan_pdf.html", context)


def pdf_filename(plan_or_data, version=None):
    data = plan_or_data if isinstance(plan_or_data, dict) else None
    if data is None:
        plan = plan_or_data
        name, start, years = (
            plan.organization.name_en or f"organisation-{plan.organization_id}",
            plan.start_year,
            plan.years,
        )
    else:
        name, start, years = data["organization"]["name_en"] or "organisation", data["start_year"], data["years"]
    suffix = f"-v{version}" if version else ""
    return f"strategic-plan-{slugify(name)}-{start}-{start + years - 1}{suffix}"


def cached_plan_pdf(plan):
    """The PDF of a plan as it stands, rendered once per version (and day printed, which it shows):
    the plan's page and the ZIP of a project's plans share it."""
    data = snapshot(plan)
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    key = f"plan-pdf:{plan.pk}:{plan.version}:{digest}:{timezone.localdate().isoformat()}"
    return job_files.cached(key, lambda: render_plan_pdf(data))


def project_zip(plans):
    """A temporary file holding one PDF per plan; rewound, ready to stream."""
    spool = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)
    used = set()
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for plan in plans:
            name = f"{pdf_filename(plan)}.pdf"
            if name in used:
                name = f"{pdf_filename(plan)}-{plan.pk}.pdf"
            used.add(name)
            archive.writestr(name, cached_plan_pdf(plan))
    spool.seek(0)
    return spool
