"""The answer forms, built from the questions: feedback (ratings and text), a test (choices), paper scores."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import EMPTY_LABEL, EmptyChoiceMixin
from core.parsing import clean_text
from evaluation.models import RATING_MAX, RATING_MIN, OpeningKind, QuestionKind, Stage
from evaluation.writes import MAX_HOURS

# Compound first names: "عبد الله" is one first name, not "عبد".
NAME_PREFIXES = {"عبد", "أبو", "ابو", "أم", "ام"}
TEXT_LIMIT = 2000


def public_name(full_name):
    """What a public page shows of a trainee: the first name and the family name's initial ("فاطمة ع.")."""
    words = full_name.split()
    if not words:
        return ""
    first = 2 if len(words) > 2 and words[0] in NAME_PREFIXES else 1
    given, rest = " ".join(words[:first]), words[first:]
    return f"{given} {rest[-1][0]}." if rest else given


def public_choices(enrollments):
    """(id, label) of the enrolments for the public name list; namesakes get a number to tell them apart."""
    labels = [public_name(e.person.full_name) for e in enrollments]
    seen = {}
    choices = []
    for enrollment, label in zip(enrollments, labels, strict=True):
        if labels.count(label) > 1:
            seen[label] = seen.get(label, 0) + 1
            label = f"{label} ({seen[label]})"
        choices.append((str(enrollment.pk), label))
    return choices


def rating_field(question, required):
    return forms.TypedChoiceField(
        label=question.text,
        choices=[(str(value), str(value)) for value in range(RATING_MIN, RATING_MAX + 1)],
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "rating"}),
        required=required,
        error_messages={
            "invalid_choice": _("Choose a rating from 1 to 5."),
            "required": _("Choose a rating from 1 to 5."),
        },
    )


class FeedbackForm(EmptyChoiceMixin, forms.Form):
    """A feedback form: who (unless anonymous), then one field per question ("q<id>")."""

    def __init__(self, *args, questions, who=None, sessions=None, ratings_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        if who is not None:
            self.fields["who"] = forms.ChoiceField(
                label=_("Your name"),
                choices=[("", EMPTY_LABEL), *who],
                error_messages={
                    "required": _("Choose your name from the list."),
                    "invalid_choice": _("This name is not on the workshop's list: choose yours from the list."),
                },
            )
        if sessions is not None:
            self.fields["session"] = forms.ChoiceField(
                label=_("Session"), choices=[("", _("The whole workshop")), *sessions], required=False
            )
        for question in questions:
            if question.kind == QuestionKind.RATING:
                self.fields[f"q{question.pk}"] = rating_field(question, ratings_required)
            else:
                self.fields[f"q{question.pk}"] = forms.CharField(
                    label=question.text, required=False, max_length=TEXT_LIMIT, widget=forms.Textarea({"rows": 3})
                )

    def clean(self):
        cleaned = super().clean()
        answered = [q for q in self.questions if cleaned.get(f"q{q.pk}") not in (None, "")]
        if self.questions and not answered and not self.errors:
            raise forms.ValidationError(_("The form is empty: give at least one answer."))
        return cleaned

    def values(self):
        """Question id -> the rating or the cleaned text."""
        values = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if isinstance(value, str):
                value = clean_text(value.replace("\r\n", "\n"), TEXT_LIMIT) if value else ""
            values[question.pk] = value
        return values

    def rating_fields(self):
        return [self[f"q{q.pk}"] for q in self.questions if q.kind == QuestionKind.RATING]

    def text_fields(self):
        return [self[f"q{q.pk}"] for q in self.questions if q.kind != QuestionKind.RATING]


class TestForm(EmptyChoiceMixin, forms.Form):
    """A test: who, then one set of choices per question ("q<id>"); every question must be answered."""

    def __init__(self, *args, test, who, **kwargs):
        super().__init__(*args, **kwargs)
        self.test = test
        self.fields["who"] = forms.ChoiceField(
            label=_("Your name"),
            choices=[("", EMPTY_LABEL), *who],
            error_messages={
                "required": _("Choose your name from the list."),
                "invalid_choice": _("This name is not on the workshop's list: choose yours from the list."),
            },
        )
        for question in test.questions.all():
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=[(str(c.pk), c.text) for c in question.choices.all()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer this question."), "invalid_choice": _("Answer this question.")},
            )

    def chosen(self):
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.test.questions.all()}

    def question_fields(self):
        return [self[f"q{q.pk}"] for q in self.test.questions.all()]


class OpenLinkForm(EmptyChoiceMixin, forms.Form):
    """What staff open: feedback (named or anonymous, the workshop or one session) or a test, for some hours."""

    kind = forms.ChoiceField(label=_("For"), choices=OpeningKind.choices, widget=forms.Select({"class": "form-select"}))
    hours = forms.IntegerField(
        label=_("Open for (hours)"),
        min_value=1,
        max_value=MAX_HOURS,
        initial=2,
        error_messages={
            "min_value": _("Open it for 1 to %(limit)d hours.") % {"limit": MAX_HOURS},
            "max_value": _("Open it for 1 to %(limit)d hours.") % {"limit": MAX_HOURS},
        },
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous feedback (no names asked)"),
        required=False,
        help_text=_("Tests are always named: the pre- and post-test of each trainee are compared."),
    )
    session = forms.ChoiceField(label=_("Session"), required=False, widget=forms.Select({"class": "form-select"}))

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [("", _("The whole workshop")), *sessions]


def parse_score(text):
    """A typed score ("7", "7.5", "٧") as a Decimal, None when blank; ValueError when not a number."""
    text = str(text or "").strip().translate(str.maketrans("٠١٢٣٤٥٦٧٨٩٫", "0123456789."))
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite() or value < 0 or value != round(value, 1):
        raise ValueError(text)
    return value


STAGES = (Stage.PRE, Stage.POST)


def score_text(value):
    """A score as people write it: 7, 7.5 (not 7.0 or 1E+1)."""
    return f"{Decimal(value).normalize():f}"
