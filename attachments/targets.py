"""What an attachment may hang on: one entry per kind of record, with its page.

Each target is an explicit, nullable foreign key of Attachment (exactly one set, a check
constraint says so), named by the entry's slug. The rights are the record's own: whoever may
view the record sees its files, whoever may change it adds files; its centre is the record's
own (core.centres reads the model's centre_path or centre_q).
"""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from coaching.models import CoachingSession, StrategicPlan
from core.centres import centre_q, scope
from services.models import Consultation, Meeting, NeedsAssessment
from trainings.models import Session, Workshop


@dataclass(frozen=True)
class Target:
    slug: str  # the Attachment field and the URL piece
    model: type
    default_kind: str  # what a file on such a record usually is
    url_name: str = ""  # the record's page, when it is not its get_absolute_url

    def records(self, user):
        """The records of this kind that user's centres hold."""
        return scope(self.model._default_manager.all(), user)

    @property
    def view_perm(self):
        return f"{self.model._meta.app_label}.view_{self.model._meta.model_name}"

    @property
    def change_perm(self):
        return f"{self.model._meta.app_label}.change_{self.model._meta.model_name}"

    def page_url(self, obj):
        return reverse(self.url_name, args=[obj.pk]) if self.url_name else obj.get_absolute_url()


TARGETS = {
    t.slug: t
    for t in (
        Target("session", Session, "signin_sheet"),
        Target("workshop", Workshop, "photo"),
        Target("coaching_session", CoachingSession, "draft", url_name="coaching:session_update"),
        Target("plan", StrategicPlan, "draft"),
        Target("consultation", Consultation, "letter"),
        Target("assessment", NeedsAssessment, "report"),
        Target("meeting", Meeting, "photo"),
    )
}
BY_MODEL = {t.model: t for t in TARGETS.values()}


def target_for(obj):
    return BY_MODEL.get(type(obj))


def attachment_centre_q(ids):
    """core.centres: an attachment belongs to the centres of the record it hangs on."""
    condition = Q(pk__in=[])
    for target in TARGETS.values():
        records = target.model._default_manager.filter(centre_q(target.model, ids))
        condition |= Q(**{f"{target.slug}__in": records.values("pk")})
    return condition
