"""The IPTT (indicator performance tracking table): each indicator of a project's results
framework against its targets, period by period.

One home for the actual of every rule of results.models.Rule, read by the IPTT page, the
dashboard, the donor PDF and the donor workbook alike, so the three show the same numbers:
- trainees reached: people who attended a session held in the period, each counted once
  (capacity.reports.figures, from trainings' tallies); the project total counts a person
  once however many periods they came in;
- share of women: women among those trainees, in percent;
- organisations whose strategic plan was approved in the period (the "approve" step of
  coaching.workflow, dated by approved_at); the whole project counts each organisation whose
  plan is approved now once, as the dashboard does, whenever it was approved;
- coaching days: distinct days with a coaching session, per organisation, added up;
- average test gain and satisfaction: evaluation.figures over the workshops that end in
  the period;
- capacity change: over the organisations of the project assessed at least twice from the
  project's start to the period's end, the mean of (average score of the latest assessment
  less that of the first): the change so far, as a capacity index is read;
- by hand: the value entered for the period; the total adds the periods up for counts and
  takes the latest for percentages and points.
A period's % of target is actual / target. A period that has ended below
settings.RESULTS_OFF_TRACK_BELOW % of its target is off track (red, with a cross and the
words); at or above 100 % it is met; a period still running is "in progress" until it
reaches the threshold. Every rule is one to four grouped queries for all the periods at
once, whatever the number of periods, people or marks.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from capacity.reports import assessments, figures, iptt_people, summary
from coaching.models import CoachingSession, StrategicPlan
from coaching.workflow import ACTIONS
from core.kept import kept
from evaluation.figures import averages_by
from results.models import Indicator, ManualValue, ResultsFramework, Rule, Target, Unit
from trainings.models import Enrollment, Workshop

TOTAL = "total"
KINDS = {Unit.PERCENT: summary.PERCENT, Unit.POINTS: summary.HOURS, Unit.NUMBER: summary.HOURS}
ADDITIVE = {Unit.PEOPLE, Unit.ORGANIZATIONS, Unit.DAYS, Unit.NUMBER}


@dataclass(frozen=True)
class Status:
    key: str
    label: str
    icon: str  # shown beside the colour, so that the status is not told by colour alone
    css: str


MET = Status("met", _("met"), "✓", "iptt-met")
ON_TRACK = Status("on_track", _("on track"), "●", "iptt-on")
IN_PROGRESS = Status("in_progress", _("in progress"), "◔", "iptt-progress")
OFF_TRACK = Status("off_track", _("off track"), "✗", "iptt-off")
NO_TARGET = Status("none", _("no target"), "", "")
# A period that has ended with a target and no actual: no value entered, or nothing to count from.
NO_VALUE = Status("no_value", _("no value"), "?", "iptt-missing")
STATUSES = (MET, ON_TRACK, IN_PROGRESS, OFF_TRACK, NO_VALUE)


@dataclass
class Cell:
    target: float | None
    actual: float | None
    kind: str
    percent: float | None = None
    status: Status = NO_TARGET
    label: str = ""  # the period's name, or "Whole project"

    @property
    def target_display(self):
        return summary.fmt(self.target, self.kind)

    @property
    def actual_display(self):
        return summary.fmt(self.actual, self.kind)

    @property
    def percent_display(self):
        return summary.fmt(self.percent, summary.PERCENT)


@dataclass
class Row:
    indicator: Indicator
    kind: str
    baseline: float
    cells: list
    total: Cell
    breakdown: list = field(default_factory=list)  # (heading, [(label, [count per period], total)])


@dataclass
class Iptt:
    framework: ResultsFramework | None
    periods: list
    rows: list
    threshold: int
    narrowed: bool = False

    @property
    def results(self):
        """[(result, [rows])] in the framework's order."""
        grouped = {}
        for row in self.rows:
            grouped.setdefault(row.indicator.result, []).append(row)
        return list(grouped.items())


def status_of(percent, ended, threshold):
    """The Status of a figure at percent of its target; ended: its period is over."""
    if percent is None:
        return NO_TARGET
    if percent >= 100:
        return MET
    if percent >= threshold:
        return ON_TRACK
    return OFF_TRACK if ended else IN_PROGRESS


def _cell(target, actual, kind, ended, threshold):
    target = None if target is None else float(target)
    percent = None
    if target and actual is not None:
        percent = round(100 * actual / target, 1)
    status = NO_VALUE if target and actual is None and ended else status_of(percent, ended, threshold)
    return Cell(target, actual, kind, percent, status)


# The rules, each {period key or TOTAL: value} -------------------------------------------


def _people(project, periods, base):
    """{key: Disaggregation} of the trainees of each period and of the whole project (each person once)."""
    return iptt_people.by_period(project, periods, base, TOTAL)


def _women_share(people):
    found = {}
    for key, d in people.items():
        found[key] = round(100 * d.women / d.total, 1) if d.total else None
    return found


def _coaching_days(project, periods, base):
    rows = (
        CoachingSession.objects.filter(base.org_q("engagement__organization"), engagement__project=project)
        .annotate(bucket=iptt_people.bucket("date", periods))
        .filter(bucket__isnull=False)
        .values_list("bucket", "engagement__organization_id")
        .annotate(days=Count("date", distinct=True))
        .order_by()
    )
    found = {p.key: 0 for p in periods}
    for index, _org, days in rows:
        found[periods[index].key] += days
    found[TOTAL] = sum(found.values())
    return found


def _approved_plans(project, periods, base):
    approved = ACTIONS["approve"].target
    # A plan approved before approvals were dated (or set in the admin) counts from its last change.
    plans = (
        StrategicPlan.objects.filter(base.org_q("organization"), engagement__project=project, status=approved)
        .annotate(on=Coalesce("approved_at", "updated_at"))
        .values_list("organization_id", "on")
    )
    found = {p.key: set() for p in periods}
    total = set()
    for org_id, approved_at in plans.order_by():
        total.add(org_id)  # the whole project: every plan approved now, as the dashboard counts them
        day = timezone.localdate(approved_at)
        for period in periods:
            if period.first <= day <= period.last:
                found[period.key].add(org_id)
    result = {key: len(orgs) for key, orgs in found.items()}
    result[TOTAL] = len(total)
    return result


def _evaluation(project, periods):
    """{rule: {key: value}} of the average test gain and satisfaction of the workshops ending in each period (one query)."""
    averages = averages_by(Workshop.objects.filter(project=project), iptt_people.bucket("workshop__end_date", periods))
    found = {Rule.TEST_GAIN: {}, Rule.SATISFACTION: {}}
    keys = [(i, p.key) for i, p in enumerate(periods)] + [(None, TOTAL)]
    for index, key in keys:
        gain, satisfaction = averages.get(index, (None, None))
        found[Rule.TEST_GAIN][key] = None if gain is None else round(gain, 1)
        found[Rule.SATISFACTION][key] = None if satisfaction is None else round(satisfaction, 1)
    return found


def _project_organizations(project):
    """Q on an organisation id: one of its people enrolled in the project, or it was coached in it."""
    enrolled = Enrollment.objects.filter(workshop__project=project).values("person__organization_id")
    coached = project.coaching_engagements.values("organization_id")
    return Q(assessment__organization_id__in=enrolled) | Q(assessment__organization_id__in=coached)


def _capacity_change(project, periods, base):
    """The average change so far, at the end of each period (one query, one row per assessment)."""
    by_org = assessments.averages(
        _project_organizations(project),
        base.org_q("assessment__organization"),
        assessment__date__gte=project.start_date,
        assessment__date__lte=project.end_date,
    )
    found = {p.key: assessments.change(by_org, last=p.last)[0] for p in periods}
    found[TOTAL] = assessments.change(by_org)[0]
    return found


def _manual(indicator, values, periods):
    mine = {v.period: float(v.value) for v in values if v.indicator_id == indicator.pk}
    found = {p.key: mine.get(p.key) for p in periods}
    entered = [found[p.key] for p in periods if found[p.key] is not None]
    if not entered:
        found[TOTAL] = None
    elif indicator.unit in ADDITIVE:
        found[TOTAL] = sum(entered)
    else:
        found[TOTAL] = entered[-1]
    return found


def _actuals(project, periods, indicators, base):
    """{rule: {key: value}} for the rules the indicators use; people: their Disaggregations."""
    rules = {indicator.rule for indicator in indicators}
    found, people = {}, None
    if rules & {Rule.TRAINEES, Rule.WOMEN_SHARE}:
        people = _people(project, periods, base)
        found[Rule.TRAINEES] = {key: d.total for key, d in people.items()}
        found[Rule.WOMEN_SHARE] = _women_share(people)
    if Rule.COACHING_DAYS in rules:
        found[Rule.COACHING_DAYS] = _coaching_days(project, periods, base)
    if Rule.APPROVED_PLANS in rules:
        found[Rule.APPROVED_PLANS] = _approved_plans(project, periods, base)
    if rules & {Rule.TEST_GAIN, Rule.SATISFACTION}:
        found.update(_evaluation(project, periods))
    if Rule.CAPACITY_CHANGE in rules:
        found[Rule.CAPACITY_CHANGE] = _capacity_change(project, periods, base)
    return found, people


def _breakdown(people, periods):
    """The trainees' disaggregation as sub-rows of the IPTT: (heading, [(label, counts, total)])."""
    total = people[TOTAL]
    sections = []
    for index, (heading, rows) in enumerate(total.dimensions(with_organizations=False)):
        lines = []
        for position, (label, count) in enumerate(rows):
            counts = []
            for period in periods:
                dimension = people[period.key].dimensions(with_organizations=False)[index][1]
                # Regions differ from period to period: look them up by name; the others keep their order.
                if heading == _("Region"):
                    counts.append(dict(dimension).get(label, 0))
                else:
                    counts.append(dimension[position][1] if position < len(dimension) else 0)
            lines.append((label, counts, count))
        sections.append((heading, lines))
    return sections


def compute(project, base=None, today=None):
    """The Iptt of project (None-framework Iptt when it has none); base: dashboard Filters for region/organisation.

    Kept ready until the data changes (core.kept).
    """
    base = base or figures.Filters(project=project)
    today = today or timezone.localdate()
    # the IPTT reads only the place of base (its periods are the framework's, not the dashboard's dates)
    return kept("iptt", (project.pk, base.place(), today), lambda: _counted(project, base, today))


def _counted(project, base, today):
    """The Iptt of project, counted in the database."""
    threshold = settings.RESULTS_OFF_TRACK_BELOW
    framework = ResultsFramework.objects.filter(project=project).select_related("project").first()
    if framework is None:
        return Iptt(None, [], [], threshold)
    periods = framework.periods()
    indicators = list(Indicator.objects.filter(result__framework=framework).select_related("result"))
    targets = {(t.indicator_id, t.period): t.value for t in Target.objects.filter(indicator__in=indicators)}
    values = list(ManualValue.objects.filter(indicator__in=indicators)) if any(i.manual for i in indicators) else []
    actuals, people = _actuals(project, periods, indicators, base)
    rows = []
    for indicator in indicators:
        kind = KINDS.get(indicator.unit, summary.COUNT)
        found = _manual(indicator, values, periods) if indicator.manual else actuals[indicator.rule]
        cells = [
            _cell(targets.get((indicator.pk, p.key)), found[p.key], kind, p.ended(today), threshold) for p in periods
        ]
        total = _cell(indicator.target, found[TOTAL], kind, project.end_date < today, threshold)
        for cell, period in zip(cells, periods, strict=True):
            cell.label = period.label
        total.label = _("Whole project")
        row = Row(indicator, kind, float(indicator.baseline), cells, total)
        if indicator.rule == Rule.TRAINEES:
            row.breakdown = _breakdown(people, periods)
        rows.append(row)
    return Iptt(framework, periods, rows, threshold, narrowed=bool(base.region or base.organization))
