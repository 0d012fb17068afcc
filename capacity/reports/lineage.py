"""A project beside the earlier one it follows: the same headline figures, counted the same way.

Each project's figures are capacity.reports.figures.compute's over the whole project (no
filter), so the comparison says what the two dashboards say; about twenty queries in all.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from capacity.reports import figures
from capacity.reports.summary import COUNT, HOURS, PERCENT, fmt


@dataclass
class Row:
    label: str
    earlier: object
    later: object
    kind: str = COUNT

    @property
    def earlier_display(self):
        return fmt(self.earlier, self.kind)

    @property
    def later_display(self):
        return fmt(self.later, self.kind)

    @property
    def change(self):
        """The later minus the earlier, signed ("+3", "−2"), or "" when either is unknown."""
        if self.earlier is None or self.later is None:
            return ""
        delta = self.later - self.earlier
        if not delta:
            return "0"
        sign = "+" if delta > 0 else "−"
        return sign + fmt(abs(delta), self.kind)


ROWS = [
    (_("Targeted organisations (set on the project)"), lambda p, r: p.target_organizations, COUNT),
    (_("Targeted trainees (set on the project)"), lambda p, r: p.target_trainees, COUNT),
    (_("Organisations taking part"), lambda p, r: r.organizations_taking_part, COUNT),
    (_("Trainees (each person once)"), lambda p, r: r.totals.trainees, COUNT),
    (_("Women trainees"), lambda p, r: r.totals.women, COUNT),
    (_("Participations (each attended session)"), lambda p, r: r.totals.participations, COUNT),
    (_("Training person-hours"), lambda p, r: r.totals.person_hours, HOURS),
    (_("Workshops held"), lambda p, r: r.workshops, COUNT),
    (_("Sessions held"), lambda p, r: r.sessions, COUNT),
    (_("Completions"), lambda p, r: r.completions, COUNT),
    (_("Average attendance rate"), lambda p, r: r.average_rate, PERCENT),
    (_("Organisations coached"), lambda p, r: r.engagements, COUNT),
    (_("Coaching days delivered"), lambda p, r: r.coaching_days, COUNT),
    (_("Accepted requests to join"), lambda p, r: dict((v, n) for v, _l, n in r.requests).get("accepted", 0), COUNT),
]


def compare(earlier, later):
    """[Row] of the two projects' headline figures, earlier first."""
    reports = [figures.compute(figures.Filters(project=project)) for project in (earlier, later)]
    return [Row(label, value(earlier, reports[0]), value(later, reports[1]), kind) for label, value, kind in ROWS]
