"""The evaluation figures other apps read (the IPTT's indicators): one query each, over one row per workshop.

average_gain: the mean, over enrolments with both a pre- and a post-test, of
(post % - pre %), in percentage points. average_satisfaction: the mean of every 1-5
rating answered on the workshops' feedback (anonymous answers and paper forms too).
Both take a Workshop queryset (or anything `workshop__in` accepts) and answer None
when there is nothing to average. They add up the workshops' tallies (evaluation.tallies,
kept by every writer), so they grow with the workshops asked about, not with the answers.
averages_by gives both for groups of workshops at once (the IPTT's periods), in one query.
"""

from django.db.models import Sum

from evaluation.models import EvaluationTally

SUMS = {
    "gain": Sum("gain_sum"),
    "gain_n": Sum("gain_count"),
    "rating": Sum("rating_sum"),
    "rating_n": Sum("rating_count"),
}


def _averages(sums):
    """(average gain, average satisfaction) of these sums of tallies; None where there is nothing to average."""
    gain = float(sums["gain"]) / sums["gain_n"] if sums["gain_n"] else None
    rating = sums["rating"] / sums["rating_n"] if sums["rating_n"] else None
    return gain, rating


def _sums(workshops):
    return EvaluationTally.objects.filter(workshop__in=workshops).aggregate(**SUMS)


def average_gain(workshops):
    """Mean of post% - pre% over the workshops' enrolments that have both; percentage points, or None."""
    return _averages(_sums(workshops))[0]


def average_satisfaction(workshops):
    """Mean of all 1-5 rating answers of the workshops' feedback, or None."""
    return _averages(_sums(workshops))[1]


def averages_by(workshops, group):
    """{group value: (average gain, average satisfaction)} of the workshops grouped by group (an
    expression on EvaluationTally, e.g. the period of workshop__end_date), and under None
    those of every workshop together (one query: the sums are exact, so adding them up again is too)."""
    rows = list(
        EvaluationTally.objects.filter(workshop__in=workshops)
        .annotate(group=group)
        .values("group")
        .annotate(**SUMS)
        .order_by()
    )
    found = {row["group"]: _averages(row) for row in rows if row["group"] is not None}
    found[None] = _averages({key: sum(row[key] or 0 for row in rows) for key in SUMS})
    return found
