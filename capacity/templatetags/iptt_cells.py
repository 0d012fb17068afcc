"""{% iptt_cell cell %}: one cell of the IPTT table, written in Python.

The table has a cell per indicator and period (two hundred at 20 indicators over 8 quarters,
with the disaggregation's sub-rows more): an {% include %} per cell took a third of the page's
time. The markup is the one templates/reports/_iptt.html documents: actual / target, then the
% of target with its status as an icon and in words (not colour alone).
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def iptt_cell(cell):
    status = cell.status
    if cell.percent is not None:
        below = format_html(
            '<br><span class="iptt-status small"><span aria-hidden="true">{}</span> <span class="ltr">{}</span> '
            '<span class="visually-hidden">{}</span></span>',
            status.icon,
            cell.percent_display,
            status.label,
        )
    elif status.icon:  # an ended period with a target and no value: said, not left blank
        below = format_html(
            '<br><span class="iptt-status small"><span aria-hidden="true">{}</span> {}</span>',
            status.icon,
            status.label,
        )
    else:
        below = ""
    return format_html(
        '<td class="num {}" data-actual="{}" data-target="{}" data-percent="{}"><span class="ltr">{} / {}</span>{}</td>',
        status.css,
        cell.actual_display,
        cell.target_display,
        cell.percent_display,
        cell.actual_display,
        cell.target_display or "–",
        below,
    )
