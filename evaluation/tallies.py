"""The per-workshop sums behind the evaluation figures (EvaluationTally): recounted by the writers.

Every writer of feedback or results (evaluation.writes, the admin, the benchmark's bulk
writer) calls recount() for the workshops it touched, in its own transaction; fresh()
gives the same sums from the answers and results themselves (the tests compare both).
"""

from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, Count, Max, Sum, When

from evaluation.models import Answer, EvaluationTally, FeedbackResponse, Stage, TestResult
from trainings.models import Workshop

FIELDS = ("workshop_id", "responses", "rating_sum", "rating_count", "gain_sum", "gain_count")


def fresh(workshop_ids):
    """workshop id -> its sums counted from the rows (three grouped queries)."""
    ids = list(workshop_ids)
    sums = defaultdict(
        lambda: {"responses": 0, "rating_sum": 0, "rating_count": 0, "gain_sum": Decimal(0), "gain_count": 0}
    )
    for row in FeedbackResponse.objects.filter(workshop_id__in=ids).values("workshop_id").annotate(n=Count("pk")):
        sums[row["workshop_id"]]["responses"] = row["n"]
    ratings = (
        Answer.objects.filter(response__workshop_id__in=ids, rating__isnull=False)
        .values("response__workshop_id")
        .annotate(total=Sum("rating"), n=Count("pk"))
    )
    for row in ratings:
        sums[row["response__workshop_id"]].update(rating_sum=row["total"], rating_count=row["n"])
    pairs = (
        TestResult.objects.filter(enrollment__workshop_id__in=ids)
        .values("enrollment_id", "enrollment__workshop_id")
        .annotate(
            pre=Max(Case(When(stage=Stage.PRE, then="percent"))), post=Max(Case(When(stage=Stage.POST, then="percent")))
        )
        .filter(pre__isnull=False, post__isnull=False)
    )
    for row in pairs:
        entry = sums[row["enrollment__workshop_id"]]
        entry["gain_sum"] += row["post"] - row["pre"]
        entry["gain_count"] += 1
    return dict(sums)


def recount(workshop_ids):
    """Replace the tallies of these workshops with a fresh count (inside the caller's transaction)."""
    ids = sorted(set(workshop_ids))
    with transaction.atomic():
        # The workshops' rows are locked first: two answers saved at once recount one after
        # the other, the second counting the first's rows (each query sees what is committed).
        list(Workshop.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
        counted = fresh(ids)
        EvaluationTally.objects.filter(workshop_id__in=ids).delete()
        EvaluationTally.objects.bulk_create(
            EvaluationTally(workshop_id=workshop_id, **sums) for workshop_id, sums in counted.items()
        )


def drift():
    """The ids of the workshops whose tally differs from a fresh count (empty when all agree)."""
    zero = (0, 0, 0, Decimal(0), 0)
    kept = {row[0]: tuple(row[1:]) for row in EvaluationTally.objects.values_list(*FIELDS)}
    ids = set(kept)
    ids |= set(FeedbackResponse.objects.values_list("workshop_id", flat=True))
    ids |= set(TestResult.objects.values_list("enrollment__workshop_id", flat=True))
    counted = fresh(ids)
    return sorted(
        workshop_id
        for workshop_id in ids
        if kept.get(workshop_id, zero)
        != tuple(counted.get(workshop_id, dict(zip(FIELDS[1:], zero, strict=True)))[f] for f in FIELDS[1:])
    )
