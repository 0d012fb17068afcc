"""Charts drawn on the server as inline SVG: no script, no style attribute.

Colours and sizes are SVG presentation attributes (fill="...", width="..."),
which the Content-Security-Policy does not block and WeasyPrint draws too.
Each chart has a <title> and its numbers as text; the page's tables repeat them.
In Arabic the bars grow from the right.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi, pgettext
from django.utils.translation import gettext as _

from capacity.reports.summary import fmt

WIDTH = 440
LABEL = 140  # room for the labels at the start side
VALUE_ROOM = 50  # room for the number after the longest bar
BAR = 16
GAP = 6
GROUP_GAP = 14

TARGET, ACTUAL, WOMEN, MEN, REGION = "#adb5bd", "#0d6efd", "#8e44ad", "#16a085", "#0d6efd"


class _Canvas:
    """Places boxes and text left to right, or mirrored for right to left."""

    def __init__(self, rtl):
        self.rtl = rtl
        self.parts = []

    def rect(self, start, length, y, height, fill, title):
        x = WIDTH - start - length if self.rtl else start
        self.parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>',
                round(x, 1),
                y,
                round(max(length, 0), 1),
                height,
                fill,
                title,
            )
        )

    def text(self, at, y, text, towards_start=False, css="chart-value", fill="#212529"):
        """Text whose edge sits at `at` from the start side; towards_start puts it before that point."""
        x = WIDTH - at if self.rtl else at
        # direction="ltr" everywhere: "end" is then always the right edge, "start" the left one.
        anchor = "end" if towards_start != self.rtl else "start"
        self.parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="{}" class="{}" fill="{}" font-size="13">{}</text>',
                round(x, 1),
                y,
                anchor,
                css,
                fill,
                text,
            )
        )

    def svg(self, title, height, desc=""):
        return format_html(
            '<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" '
            'role="img" direction="ltr">'
            "<title>{title}</title>{desc}{body}</svg>",
            w=WIDTH,
            h=height,
            title=title,
            desc=format_html("<desc>{}</desc>", desc) if desc else "",
            body=mark_safe("".join(self.parts)),  # noqa: S308 - each part built by format_html
        )


def bar_groups(title, groups, legend=()):
    """Horizontal bars: groups is [(label, [(value, colour, caption, kind)])], one bar per value."""
    canvas = _Canvas(get_language_bidi())
    values = [v for _label, bars in groups for v, *_ in bars if v]
    top = max(values) if values else 1
    room = WIDTH - LABEL - VALUE_ROOM
    y = 4
    if legend:
        at = 4
        for colour, caption in legend:
            canvas.rect(at, 12, y + 2, 12, colour, caption)
            canvas.text(at + 18, y + 13, caption, css="chart-legend")
            at += 30 + 9 * len(str(caption))
        y += 26
    for label, bars in groups:
        canvas.text(
            LABEL - 8, y + BAR - 3 + (len(bars) - 1) * (BAR + GAP) / 2, label, towards_start=True, css="chart-label"
        )
        for value, colour, caption, kind in bars:
            length = room * (value or 0) / top
            canvas.rect(LABEL, length, y, BAR, colour, f"{caption}: {fmt(value, kind)}")
            canvas.text(LABEL + length + 6, y + BAR - 3, fmt(value, kind))
            y += BAR + GAP
        y += GROUP_GAP
    return canvas.svg(title, y)


def split_bar(title, rows):
    """One 100 % bar per row, split in two: rows is [(label, (value, colour, caption), (value, colour, caption))]."""
    canvas = _Canvas(get_language_bidi())
    room = WIDTH - LABEL - 10
    y = 4
    for label, first, second in rows:
        total = (first[0] or 0) + (second[0] or 0)
        canvas.text(LABEL - 8, y + 20, label, towards_start=True, css="chart-label")
        share = (first[0] or 0) / total if total else 0.5
        length = room * share
        canvas.rect(LABEL, length, y + 4, 24, first[1] if total else TARGET, f"{first[2]}: {fmt(first[0])}")
        canvas.rect(
            LABEL + length, room - length, y + 4, 24, second[1] if total else TARGET, f"{second[2]}: {fmt(second[0])}"
        )
        caption_y = y + 46
        canvas.text(LABEL, caption_y, f"{first[2]} {fmt(first[0])} ({_percent(first[0], total)})", css="chart-legend")
        canvas.text(
            LABEL + room,
            caption_y,
            f"{second[2]} {fmt(second[0])} ({_percent(second[0], total)})",
            towards_start=True,
            css="chart-legend",
        )
        y += 62
    return canvas.svg(title, y)


def _percent(part, total):
    return f"{100 * (part or 0) / total:.0f}%" if total else "–"


def _targets(report):
    project = report.project
    groups = [
        (
            _("Organisations"),
            [
                (project.target_organizations, TARGET, _("Target"), "count"),
                (report.organizations_taking_part, ACTUAL, _("Reached"), "count"),
            ],
        ),
        (
            pgettext("chart", "Trainees"),
            [
                (project.target_trainees, TARGET, _("Target"), "count"),
                (report.totals.trainees, ACTUAL, _("Reached"), "count"),
            ],
        ),
        (
            _("Coaching days"),
            [
                (report.coaching_planned, TARGET, _("Planned"), "count"),
                (report.coaching_days, ACTUAL, _("Delivered"), "count"),
            ],
        ),
    ]
    legend = [(TARGET, _("Target or planned")), (ACTUAL, _("Reached or delivered"))]
    return _("Targets against what was reached"), groups, legend


def _gender(report):
    t = report.totals
    rows = [
        (pgettext("chart", "Trainees"), (t.women, WOMEN, _("Women")), (t.men, MEN, _("Men"))),
        (_("Participations"), (t.participations_women, WOMEN, _("Women")), (t.participations_men, MEN, _("Men"))),
    ]
    return _("Women and men"), rows


def _regions(report):
    groups = [
        (region.name or "–", [(region.trainees, REGION, pgettext("chart", "Trainees"), "count")])
        for region in report.by_region
    ]
    return _("Trainees by region (each person counted once)"), groups, ()


def all_charts(report):
    """The charts of the page: {name: {"title": ..., "svg": inline SVG}}."""
    targets, gender, regions = _targets(report), _gender(report), _regions(report)
    return {
        "targets": {"title": targets[0], "svg": bar_groups(*targets)},
        "gender": {"title": gender[0], "svg": split_bar(*gender)},
        "regions": {"title": regions[0], "svg": bar_groups(*regions)},
    }


def _bar_rows(groups):
    values = [v for _label, bars in groups for v, *_ in bars if v]
    top = max(values) if values else 1
    return [
        {
            "label": label,
            "bars": [
                {
                    "width": round(85 * (value or 0) / top, 1),
                    "colour": colour,
                    "caption": caption,
                    "text": fmt(value, kind),
                }
                for value, colour, caption, kind in bars
            ],
        }
        for label, bars in groups
    ]


def pdf_charts(report):
    """The same charts for the PDF, as data for HTML bars: WeasyPrint's SVG text does not shape Arabic."""
    title, groups, legend = _targets(report)
    charts = [{"title": title, "legend": legend, "groups": _bar_rows(groups)}]
    title, rows = _gender(report)
    split = []
    for label, first, second in rows:
        total = (first[0] or 0) + (second[0] or 0)
        split.append(
            {
                "label": label,
                "parts": [
                    {
                        "width": round(100 * (part[0] or 0) / total, 1) if total else 50,
                        "colour": part[1],
                        "text": f"{part[2]} {fmt(part[0])} ({_percent(part[0], total)})",
                    }
                    for part in (first, second)
                ],
            }
        )
    charts.append({"title": title, "split": split})
    title, groups, legend = _regions(report)
    charts.append({"title": title, "groups": _bar_rows(groups)})
    return charts
