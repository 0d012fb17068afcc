"""The evaluation figures other apps read (the IPTT's indicators): one query each, over one row per workshop.

average_gain: the mean, over enrolments with both a pre- and a post-test, of
(post % - pre %), in percentage points. average_satisfaction: the mean of every 1-5
rating answered on the workshops' feedback (anonymous answers and paper forms too).
Both take a Workshop queryset (or anything `workshop__in` accepts) and answer None
when there is nothing to average. They add up the workshops' tallies (evaluation.tallies,
kept by every writer), so they grow with the workshops asked about, not with the answers.
"""

from django.db.models import Sum

from evaluation.models import EvaluationTally


def average_gain(workshops):
    """Mean of post% - pre% over the workshops' enrolments that have both; percentage points, or None."""
    sums = EvaluationTally.objects.filter(workshop__in=workshops).aggregate(total=Sum("gain_sum"), n=Sum("gain_count"))
    return float(sums["total"]) / sums["n"] if sums["n"] else None


def average_satisfaction(workshops):
    """Mean of all 1-5 rating answers of the workshops' feedback, or None."""
    sums = EvaluationTally.objects.filter(workshop__in=workshops).aggregate(
        total=Sum("rating_sum"), n=Sum("rating_count")
    )
    return sums["total"] / sums["n"] if sums["n"] else None
