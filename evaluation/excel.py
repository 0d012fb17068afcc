"""The workbook of a workshop's evaluation (through core.excel): pre, post and gain; the feedback's averages."""

from django.utils.translation import gettext as _

from core.excel import HEADER, LABEL, ONE_DECIMAL, TITLE, TOTAL, SheetWriter, setup_sheet


def build_workbook(book, workshop, scores, feedback):
    _scores_sheet(book, workshop, scores)
    _feedback_sheet(book, workshop, feedback)


def _percent(result):
    return float(result.percent) if result is not None else None


def _scores_sheet(book, workshop, scores):
    sheet = book.add_worksheet(_("Pre and post tests")[:31])
    setup_sheet(sheet, repeat_rows=(2, 2), freeze=(3, 0), widths=[32, 28, 12, 12, 12])
    out = SheetWriter(book, sheet)
    out.cell(0, 0, workshop.title, TITLE)
    out.row(2, [_("Trainee"), _("Organisation"), _("Pre-test %"), _("Post-test %"), _("Gain (points)")], HEADER)
    number = {"num_format": ONE_DECIMAL}
    row = 3
    for line in scores.rows:
        person = line.enrollment.person
        out.row(row, [person.full_name, person.organization.name])
        out.row(row, [_percent(line.pre), _percent(line.post), line.gain], number, first_col=2)
        row += 1
    out.cell(row, 0, _("Average"), {**LABEL, **TOTAL})
    out.cell(row, 1, None, TOTAL)
    averages = [scores.pre_average, scores.post_average, scores.gain_average]
    out.row(row, averages, {**TOTAL, **number}, first_col=2)


def _feedback_sheet(book, workshop, feedback):
    sheet = book.add_worksheet(_("Feedback")[:31])
    setup_sheet(sheet, widths=[48, 14, 12])
    out = SheetWriter(book, sheet)
    out.cell(0, 0, workshop.title, TITLE)
    out.row(1, [_("Answers"), feedback.responses])
    out.row(3, [_("Question"), _("Average (out of 5)"), _("Ratings")], HEADER)
    row = 4
    for figure in feedback.questions:
        out.row(row, [str(figure.question), figure.average, figure.count])
        row += 1
    out.row(row, [_("All ratings"), feedback.average], {**LABEL, **TOTAL})
    row += 2
    out.cell(row, 0, _("Comments"), LABEL)
    for comment in feedback.comments:
        row += 1
        out.cell(row, 0, comment, {"text_wrap": True})
