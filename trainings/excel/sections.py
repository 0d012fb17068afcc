"""Sections that apps above trainings add to a project's attendance workbooks.

trainings may not import coaching (it sits above in the import map), yet the
project's flat export and summary must count its sessions too. So, as with
core.panels, the upper app registers a section in its AppConfig.ready and the
workbooks here write whatever is registered. The registry lives with the
workbooks it feeds (the lowest app that needs it), not in core.

A section is an object with two methods:

- flat_part(project, filters, english): yields (cells, person_id, tail) in order, where
  cells = (phase, activity, topic, date, hours) and tail = (status, remark, agenda items),
  like a training mark's; filters are those of exports.flat_queryset. Streamed: it must
  read its rows in chunks, never all at once.
- summary(project): a Summary for a sheet of its own in the summary workbook, or None.
"""

from dataclasses import dataclass, field

_sections = []


@dataclass
class Summary:
    """A sheet of figures per organisation: its name, the figures' headers, rows and totals."""

    sheet: str
    title: str
    headers: list
    rows: list = field(default_factory=list)  # (organisation name, region name, [figures])
    totals: list = field(default_factory=list)


def register(section):
    _sections.append(section)


def registered():
    return list(_sections)
