"""The headline figures of a Report and the lines naming its filters, labelled once for
the page, the PDF and the workbook.

Each label says whether people are counted once or each time; the same list
feeds the three outputs, so they cannot name or round a figure differently.
The period is named by the same Period the figures count (capacity.reports.period).
"""

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

COUNT, PERCENT, HOURS = "count", "percent", "hours"

# Organisations one of whose people attended a session held, or that had coaching, in the period
# (Report.organizations_taking_part); the figure, the region tables and the workbook say so alike.
ORGANIZATIONS_TAKING_PART = _("Organisations taking part")


@dataclass
class Figure:
    key: str
    label: str
    note: str
    value: object
    kind: str = COUNT
    target: object = None

    @property
    def display(self):
        return fmt(self.value, self.kind)

    @property
    def target_display(self):
        return "" if self.target is None else fmt(self.target, COUNT)


def fmt(value, kind=COUNT):
    """A number as text: grouped digits, one decimal for hours and percentages; a dash when unknown."""
    if value is None:
        return "–"
    if kind == PERCENT:
        return f"{value:.1f}%"
    if kind == HOURS and value != int(value):
        return f"{value:,.1f}"
    return f"{int(value):,}"


def period_line(report, html=False):
    """(label, text) naming the period that the figures of report count."""
    return _("Period"), report.filters.period.label(html=html)


def filter_lines(report, html=False):
    """(label, text, left to right?) of the filters applied, for the heads of the PDF and the workbook.

    html: the PDF's dates with their numbers in LTR spans; plain text for the workbook.
    """
    f = report.filters
    lines = [(_("Project"), f.project.name, False), (_("Code"), f.project.code, True)]
    if f.project.donor:
        lines.append((_("Donor"), f.project.donor, False))
    lines.append((*period_line(report, html), False))
    lines.append((_("Region"), f.region.name if f.region else _("all"), False))
    lines.append((_("Organisation"), f.organization.name if f.organization else _("all"), False))
    return lines


def _held_note(report, workshops=False):
    narrowed = report.filters.region or report.filters.organization
    if workshops:
        if narrowed:
            return _(
                "workshops with at least one session held, that people of the chosen region or organisation attended"
            )
        return _("workshops with at least one session held")
    if narrowed:
        return _(
            "sessions whose attendance was taken, in the workshops that people of the chosen region or organisation attended"
        )
    return _("sessions whose attendance was taken")


def training_figures(report):
    t, project = report.totals, report.project
    return [
        Figure(
            "organizations",
            ORGANIZATIONS_TAKING_PART,
            _("each organisation counted once: one of its people attended a session, or it was coached"),
            report.organizations_taking_part,
            target=project.target_organizations,
        ),
        Figure(
            "trainees",
            _("Trainees"),
            _("each person counted once, who attended at least one session"),
            t.trainees,
            target=project.target_trainees,
        ),
        Figure("trainees_women", _("Women trainees"), _("each woman counted once"), t.women),
        Figure("trainees_men", _("Men trainees"), _("each man counted once"), t.men),
        Figure(
            "participations", _("Participations"), _("each attended session of each trainee counted"), t.participations
        ),
        Figure(
            "participations_women", _("Participations of women"), _("each attendance counted"), t.participations_women
        ),
        Figure("participations_men", _("Participations of men"), _("each attendance counted"), t.participations_men),
        Figure("workshops", _("Workshops held"), _held_note(report, workshops=True), report.workshops),
        Figure("sessions", _("Sessions held"), _held_note(report), report.sessions),
        Figure(
            "person_hours",
            _("Training person-hours"),
            _("the length of each attended session, added up over all trainees"),
            t.person_hours,
            HOURS,
        ),
        Figure(
            "average_rate",
            _("Average attendance rate"),
            _("the average of the enrolled trainees' rates (late counts as attended, excused is left out)"),
            report.average_rate,
            PERCENT,
        ),
        Figure("enrolments", _("Enrolments"), _("each trainee counted once per workshop"), report.enrolments),
        Figure(
            "completions",
            _("Completions"),
            _("enrolments that reached the project's attendance threshold; one per workshop completed"),
            report.completions,
        ),
    ]


def coaching_figures(report):
    return [
        Figure("engagements", _("Organisations in coaching"), _("each organisation counted once"), report.engagements),
        Figure(
            "coaching_days",
            _("Coaching days delivered"),
            _("distinct days with a coaching session, per organisation"),
            report.coaching_days,
            target=report.coaching_planned,
        ),
        Figure(
            "coaching_planned",
            _("Coaching days planned"),
            _("added up over the organisations"),
            report.coaching_planned,
        ),
        Figure(
            "coaching_hours", _("Coaching hours"), _("the hours of each coaching session"), report.coaching_hours, HOURS
        ),
        Figure(
            "agenda_coverage",
            _("Agenda coverage"),
            _("agenda items covered, out of every item for every organisation in coaching"),
            report.agenda_coverage,
            PERCENT,
        ),
    ]


def plan_figures(report):
    return [
        Figure(
            f"plans_{status}", format_lazy("{}: {}", _("Strategic plans"), label), _("each plan counted once"), count
        )
        for status, label, count in report.plans
    ]


def all_figures(report):
    return training_figures(report) + coaching_figures(report) + plan_figures(report)


def region_columns():
    """(attribute, heading, kind) of the by-region and by-organisation tables."""
    return [
        ("trainees", _("Trainees (each once)"), COUNT),
        ("women", _("Women"), COUNT),
        ("men", _("Men"), COUNT),
        ("participations", _("Participations (each time)"), COUNT),
        ("person_hours", _("Person-hours"), HOURS),
        ("coaching_days", _("Coaching days"), COUNT),
    ]


def table_rows(rows):
    """Rows of the by-region or by-organisation table, each with its cells as displayed text."""
    columns = region_columns()
    return [
        {
            "name": row.name,
            "region": row.region,
            "organizations": row.organizations,
            "cells": [fmt(getattr(row, attribute), kind) for attribute, _heading, kind in columns],
        }
        for row in rows
    ]
