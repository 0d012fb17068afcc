"""The demo's evaluation of project CB-2020: a test per workshop (the first with questions a phone can
answer, the others on paper out of 20), every trainee's pre- and post-test, and feedback from most of
them, so that a new user sees gains and ratings at once. Written through evaluation.writes; loading
twice changes nothing. Needs demo_training.
"""

import random

from capacity.programme.demo_training import demo_project
from evaluation import catalogue, writes
from evaluation.models import Choice, FeedbackResponse, KnowledgeTest, Stage, TestQuestion, TestResult

PAPER_MAX = 20
# The first workshop's test (fundraising): (question, [choices], index of the right one), Arabic then English.
QUESTIONS = [
    (
        ("ما أول خطوة في إعداد خطة لجمع التبرعات؟", "What is the first step of a fundraising plan?"),
        [
            ("تحديد احتياجات المنظمة وأهدافها", "Setting the organisation's needs and goals"),
            ("إرسال الطلبات إلى كل المانحين", "Sending requests to every donor"),
            ("طباعة منشورات", "Printing leaflets"),
        ],
        0,
    ),
    (
        ("ماذا يعني تنويع مصادر التمويل؟", "What does diversifying funding mean?"),
        [
            ("الاعتماد على مانح واحد كبير", "Relying on one large donor"),
            ("الحصول على التمويل من مصادر متعددة", "Getting funds from several sources"),
            ("تقليل عدد المشاريع", "Running fewer projects"),
        ],
        1,
    ),
    (
        ("أي وثيقة يطلبها المانح عادةً مع مقترح المشروع؟", "Which document does a donor usually ask with a proposal?"),
        [
            ("الميزانية التفصيلية", "A detailed budget"),
            ("قائمة بأسماء المتطوعين", "A list of volunteers"),
            ("صور من الأنشطة فقط", "Photos of activities only"),
        ],
        0,
    ),
    (
        ("ما الغاية من تقرير المانح الدوري؟", "What is a periodic donor report for?"),
        [
            ("الإعلان عن المنظمة", "Advertising the organisation"),
            ("إظهار ما تحقق مقابل الأهداف والإنفاق", "Showing results against aims and spending"),
            ("طلب تمويل جديد فقط", "Asking for new funds only"),
        ],
        1,
    ),
    (
        ("ما المقصود بالاستعداد الداخلي لجمع التبرعات؟", "What is internal preparation for fundraising?"),
        [
            ("أنظمة مالية وحوكمة واضحة قبل التوجه للمانحين", "Clear finance and governance before asking donors"),
            ("توظيف موظفين جدد", "Hiring new staff"),
            ("فتح حساب مصرفي ثان", "Opening a second bank account"),
        ],
        0,
    ),
]
COMMENTS = [
    "ورشة مفيدة جداً، نتمنى أن تكون أطول.",
    "الأمثلة العملية ساعدتني على الفهم.",
    "القاعة كانت حارة في فترة الظهر.",
    "Very useful; more time for group work, please.",
]


def load():
    project, _training, _coaching = demo_project()
    workshops = list(project.workshops.order_by("start_date", "pk"))
    for index, workshop in enumerate(workshops):
        test = _test(workshop, with_questions=index == 0)
        _scores(workshop, test, random.Random(workshop.pk))
        _feedback(workshop, random.Random(1000 + workshop.pk))
    return (
        f"{TestResult.objects.filter(enrollment__workshop__project=project).count()} test results, "
        f"{FeedbackResponse.objects.filter(workshop__project=project).count()} feedback answers"
    )


def _test(workshop, with_questions):
    test, created = KnowledgeTest.objects.get_or_create(
        workshop=workshop,
        defaults={
            "title_ar": f"اختبار: {workshop.title}",
            "title_en": f"Test: {workshop.title}",
            "max_score": 0 if with_questions else PAPER_MAX,
        },
    )
    if created and with_questions:
        for order, ((ar, en), choices, right) in enumerate(QUESTIONS, start=1):
            question = TestQuestion.objects.create(test=test, order=order, text_ar=ar, text_en=en)
            Choice.objects.bulk_create(
                Choice(question=question, order=i, text_ar=c_ar, text_en=c_en, correct=i == right)
                for i, (c_ar, c_en) in enumerate(choices)
            )
    return test


def _scores(workshop, test, rng):
    """A pre-test for every active trainee, a post-test for most, higher on the whole (typed from paper)."""
    if TestResult.objects.filter(enrollment__workshop=workshop).exists():
        return
    maximum = catalogue.paper_maximum(catalogue.test_for(workshop))
    rows = []
    for enrollment in workshop.enrollments.filter(withdrawn_at__isnull=True).order_by("pk"):
        pre = rng.randint(maximum // 5, maximum * 3 // 5)
        rows.append((enrollment, Stage.PRE, pre))
        if rng.random() < 0.85:
            rows.append((enrollment, Stage.POST, min(maximum, pre + rng.randint(0, maximum * 2 // 5))))
    writes.save_scores(rows, test, maximum, user=None)


def _feedback(workshop, rng):
    """Named feedback from about three trainees in four, mostly 4s and 5s, a few comments."""
    if FeedbackResponse.objects.filter(workshop=workshop).exists():
        return
    questions = catalogue.feedback_questions(workshop.project.centre_id)
    for enrollment in workshop.enrollments.filter(withdrawn_at__isnull=True).select_related("person").order_by("pk"):
        if rng.random() > 0.75:
            continue
        values = {q.pk: rng.choice((3, 4, 4, 5, 5)) for q in questions if q.kind == "rating"}
        if rng.random() < 0.3:
            values.update({q.pk: rng.choice(COMMENTS) for q in questions if q.kind == "text"})
        writes.save_feedback(workshop, questions, values, enrollment=enrollment)
