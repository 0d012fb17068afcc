"""What trainings keeps about one person that erasure must blank: the remarks typed with marks."""

from trainings.models import Attendance


def blank_remarks(person_id):
    Attendance.objects.filter(person_id=person_id).exclude(remark="").update(remark="")
    Attendance.history.model.objects.filter(person_id=person_id).exclude(remark="").update(remark="")
