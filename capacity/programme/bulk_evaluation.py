"""Feedback and pre/post tests for a generated programme, written in bulk (the benchmark's data).

For every workshop of a project: a pre- and a post-test for each enrolment, and feedback
(the shared questions: four ratings) from four trainees in five. At the benchmark's full
size (500 workshops, 25,000 enrolments): 50,000 test results, 20,000 feedback answers
and 80,000 ratings. Deterministic (no randomness); a project that has them is left as it is.
Written around evaluation.writes on purpose, like bulk.py: one row at a time through the
door would take minutes for data that only measures speed.
"""

from decimal import Decimal

from django.db import transaction

from evaluation import catalogue, tallies
from evaluation.models import Answer, FeedbackResponse, QuestionKind, Source, Stage, TestResult
from trainings.models import Enrollment

BATCH = 5000
MAXIMUM = 20


def write(project, say=print):
    """Write the evaluation of project's workshops unless it has some; return (results, answers)."""
    if TestResult.objects.filter(enrollment__workshop__project=project).exists():
        return 0, 0
    questions = [q for q in catalogue.feedback_questions(project.centre_id) if q.kind == QuestionKind.RATING]
    enrollments = list(Enrollment.objects.filter(workshop__project=project).values_list("pk", "workshop_id"))
    with transaction.atomic():
        results = TestResult.objects.bulk_create(_results(enrollments), batch_size=BATCH)
        say(f"{len(results)} test results")
        responses = FeedbackResponse.objects.bulk_create(
            [
                FeedbackResponse(workshop_id=workshop_id, enrollment_id=pk, source=Source.PAPER)
                for i, (pk, workshop_id) in enumerate(enrollments)
                if i % 5
            ],
            batch_size=BATCH,
        )
        answers = Answer.objects.bulk_create(
            (
                Answer(response=response, question=question, rating=1 + (response.pk + question.pk) % 5)
                for response in responses
                for question in questions
            ),
            batch_size=BATCH,
        )
        say(f"{len(responses)} feedback answers, {len(answers)} ratings")
        tallies.recount({workshop_id for _pk, workshop_id in enrollments})
    return len(results), len(responses)


def _results(enrollments):
    for i, (pk, _workshop_id) in enumerate(enrollments):
        pre = 4 + i % 9
        post = min(MAXIMUM, pre + i % 7)
        for stage, score in ((Stage.PRE, pre), (Stage.POST, post)):
            yield TestResult(
                enrollment_id=pk,
                stage=stage,
                score=score,
                max_score=MAXIMUM,
                percent=Decimal(score * 100) / MAXIMUM,
                source=Source.PAPER,
            )
