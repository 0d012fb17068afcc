"""Demo data of coaching: the 2020 coaching phase of project CB-2020 and two example plans.

Gets or creates by natural keys (project code, organisation name, session date,
plan title), so loading twice changes nothing.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from coaching.models import (
    ActionItem,
    AgendaItem,
    CoachingEngagement,
    CoachingSession,
    EngagementStatus,
    Goal,
    Objective,
    PlanRevision,
    PlanStatus,
    PlanValue,
    Stakeholder,
    StrategicPlan,
    SwotItem,
)
from coaching.plans import plan_queryset, snapshot
from core.roles import STAFF
from organizations.demo import ORGANIZATIONS
from organizations.models import Centre, Organization, Region
from trainings.models import Phase, PhaseKind, Project

FIRST_DAY = date(2020, 9, 27)
# The agenda codes covered on each of the four days.
DAYS = [
    ["vision-mission-values", "institutional-analysis"],
    ["partners", "strengths-weaknesses", "achievements"],
    ["goals", "timeline"],
    ["evaluating-results", "monitoring-evaluation"],
]
NOTES = [
    "صياغة الرؤية والرسالة مع مجلس الإدارة، ومراجعة القيم التي تعمل بها المنظمة.",
    "تحليل الشركاء ونقاط القوة والضعف، وتوثيق أبرز إنجازات المنظمة منذ تأسيسها.",
    "تحديد الأهداف الاستراتيجية للسنوات القادمة ووضع الخطة الزمنية لكل هدف.",
    "الاتفاق على مؤشرات تقييم النتائج وآلية متابعة الخطة الاستراتيجية وتقييمها.",
]
ACTIONS = [
    "إرسال مسودة الرؤية والرسالة إلى أعضاء الهيئة العامة",
    "جمع وثائق الإنجازات وقائمة الشركاء",
    "استكمال مؤشرات الأهداف مع الفريق",
    "تحديد موعد أول مراجعة ربعية للخطة",
]


def _project():
    """Project CB-2020 and its phases, as trainings/demo.py makes them (same keys)."""
    region, _ = Region.objects.get_or_create(name_ar="الرقة", defaults={"name_en": "Raqqa"})
    centre = Centre.objects.filter(name_ar="مركز الرقة").first() or Centre.objects.create(
        name_ar="مركز الرقة", name_en="Raqqa centre", region=region, town="الرقة"
    )
    project, _ = Project.objects.get_or_create(
        code="CB-2020",
        defaults={
            "name_ar": "مشروع بناء قدرات المنظمات المحلية",
            "name_en": "Capacity building of local organisations",
            "centre": centre,
            "start_date": date(2020, 8, 1),
            "end_date": date(2020, 12, 31),
            "target_organizations": 15,
            "target_trainees": 30,
        },
    )
    Phase.objects.get_or_create(
        project=project,
        number=1,
        defaults={"kind": PhaseKind.TRAINING, "start_date": date(2020, 8, 20), "end_date": date(2020, 8, 31)},
    )
    phase = Phase.objects.filter(project=project, kind=PhaseKind.COACHING).first()
    if phase is None:
        phase, _ = Phase.objects.get_or_create(
            project=project,
            number=2,
            defaults={"kind": PhaseKind.COACHING, "start_date": date(2020, 9, 20), "end_date": date(2020, 12, 31)},
        )
    return project, phase


def _coaches():
    User = get_user_model()
    coach, created = User.objects.get_or_create(
        username="coach", defaults={"first_name": "سلمى", "last_name": "الخليل"}
    )
    if created:
        coach.set_unusable_password()  # the lead hands out logins
        coach.save()
    staff_group = Group.objects.filter(name=STAFF).first()
    if staff_group:
        coach.groups.add(staff_group)
    return [coach, *User.objects.filter(username="staff")]


def load():
    project, phase = _project()
    coaches = _coaches()
    agenda = {item.code: item for item in AgendaItem.objects.all()}
    organizations = Organization.objects.filter(name_ar__in=[row[0] for row in ORGANIZATIONS]).order_by("pk")
    for index, org in enumerate(organizations):
        engagement, _ = CoachingEngagement.objects.get_or_create(
            project=project,
            organization=org,
            defaults={"phase": phase, "planned_days": 4, "status": EngagementStatus.COMPLETED},
        )
        engagement.coaches.add(*coaches)
        people = list(org.people.all()[:2])
        for day, codes in enumerate(DAYS):
            when = FIRST_DAY + timedelta(days=day * 24 + index)
            session, created = CoachingSession.objects.get_or_create(
                engagement=engagement, date=when, defaults={"hours": 5, "notes": NOTES[day]}
            )
            if created:
                session.participants.add(*people)
                # Every fifth organisation has not reached the monitoring of its plan yet.
                covered = codes[:1] if day == 3 and index % 5 == 4 else codes
                session.agenda_items.add(*[agenda[c] for c in covered if c in agenda])
            ActionItem.objects.get_or_create(
                engagement=engagement,
                session=session,
                text=ACTIONS[day],
                defaults={
                    "owner": people[0].full_name if people else "",
                    "due_date": when + timedelta(days=10),
                    "done": day < 3,
                },
            )
    plans = [_plan(project, spec) for spec in (TUTTUL, DAYRNA)]
    return (
        f"{CoachingEngagement.objects.filter(project=project).count()} engagements, "
        f"{CoachingSession.objects.filter(engagement__project=project).count()} sessions, "
        f"{len([p for p in plans if p])} example plans"
    )


def _plan(project, spec):
    org = Organization.objects.filter(name_ar=spec["organization"]).first()
    if org is None:
        return None
    plan, created = StrategicPlan.objects.get_or_create(
        organization=org,
        title=spec["title"],
        defaults={
            "engagement": CoachingEngagement.objects.filter(project=project, organization=org).first(),
            **spec["fields"],
        },
    )
    if not created:
        return plan
    for order, text in enumerate(spec["values"], start=1):
        PlanValue.objects.create(plan=plan, order=order, text=text)
    for order, (name, kind, role) in enumerate(spec["stakeholders"], start=1):
        Stakeholder.objects.create(plan=plan, order=order, name=name, kind=kind, role=role)
    for category, items in spec["swot"].items():
        for order, text in enumerate(items, start=1):
            SwotItem.objects.create(plan=plan, category=category, order=order, text=text)
    for g, (goal_text, objectives) in enumerate(spec["goals"], start=1):
        goal = Goal.objects.create(plan=plan, order=g, text=goal_text)
        for o, (text, indicator, baseline, target, responsible, start, end) in enumerate(objectives, start=1):
            Objective.objects.create(
                goal=goal,
                order=o,
                text=text,
                indicator=indicator,
                baseline=baseline,
                target=target,
                responsible=responsible,
                start_year=start[0],
                start_quarter=start[1],
                end_year=end[0],
                end_quarter=end[1],
            )
    fresh = plan_queryset().get(pk=plan.pk)
    PlanRevision.objects.create(plan=plan, version=plan.version, status=plan.status, data=snapshot(fresh))
    return plan


# fmt: off
TUTTUL = {
    "organization": "توتول",
    "title": "الخطة الاستراتيجية لمنظمة توتول 2021–2023",
    "fields": {
        "start_year": 2021,
        "years": 3,
        "language": "ar",
        "status": PlanStatus.APPROVED,
        "vision": "مجتمع محلي متماسك في الرقة يشارك أبناؤه وبناته في تنمية مدينتهم وصون تراثها.",
        "mission": (
            "تعمل توتول مع الشباب والنساء في مدينة الرقة على إحياء الحياة المدنية والثقافية، "
            "من خلال التدريب والمبادرات المجتمعية والشراكة مع المؤسسات المحلية."
        ),
        "achievements": (
            "تأسست المنظمة عام 2016 ونفذت منذ ذلك الحين 12 مبادرة مجتمعية.\n"
            "درّبت 240 شاباً وشابة على المشاركة المدنية، وأعادت تأهيل مكتبة حي الثكنة عام 2019."
        ),
        "me_reviewed": "تقدم الأهداف ومؤشراتها، وصرف الموازنة، ورضا المستفيدين.",
        "me_frequency": "مراجعة ربعية، وتقرير سنوي",
        "me_by_whom": "لجنة المتابعة في مجلس الإدارة مع منسقة المشاريع",
        "midterm_evaluation": "تقييم منتصف المدة في الربع الثالث من عام 2022 بمشاركة الشركاء.",
        "final_evaluation": "تقييم نهائي خارجي في الربع الرابع من عام 2023.",
    },
    "values": ["الشفافية", "المشاركة", "الحياد", "احترام التنوع", "المساءلة"],
    "stakeholders": [
        ("مجلس الرقة المدني", "authority", "الموافقات وتسهيل الأنشطة"),
        ("مركز الرقة لدعم المجتمع المدني", "partner", "التدريب والمساحة المشتركة"),
        ("الجهة المانحة للمشروع", "donor", "تمويل المبادرات"),
        ("لجان الأحياء", "community", "تحديد الاحتياجات والتطوع"),
        ("الشباب والنساء في المدينة", "beneficiary", "المستفيدون الأساسيون"),
    ],
    "swot": {
        "S": ["فريق متطوعين ملتزم من أبناء المدينة", "ثقة المجتمع المحلي بالمنظمة", "خبرة في تنظيم الفعاليات الثقافية"],
        "W": ["ضعف التمويل الذاتي", "غياب نظام مالي موثق", "اعتماد كبير على شخص المدير"],
        "O": ["اهتمام المانحين بالمبادرات الشبابية", "وجود مساحة مشتركة في مركز الرقة", "شبكات منظمات ناشئة"],
        "T": ["عدم الاستقرار الأمني", "تقلب سعر الصرف", "هجرة الكفاءات الشابة"],
    },
    "goals": [
        (
            "تعزيز مشاركة الشباب في الحياة المدنية",
            [
                ("تدريب 150 شاباً وشابة على المبادرات المجتمعية", "عدد المتدربين", "60", "150", "منسقة المشاريع", (2021, 1), (2022, 4)),
                ("دعم 10 مبادرات شبابية صغيرة", "عدد المبادرات المنفذة", "3", "10", "مدير البرامج", (2021, 3), (2023, 2)),
                ("إطلاق منتدى شبابي شهري", "عدد جلسات المنتدى", "0", "24", "فريق المتطوعين", (2022, 1), (2023, 4)),
            ],
        ),
        (
            "بناء نظام إداري ومالي مؤسسي",
            [
                ("اعتماد دليل السياسات المالية", "دليل معتمد", "لا يوجد", "دليل واحد", "المحاسب", (2021, 1), (2021, 2)),
                ("تدريب الفريق على النظام المالي", "نسبة الموظفين المدربين", "20%", "100%", "المدير التنفيذي", (2021, 2), (2021, 4)),
                ("تدقيق مالي خارجي سنوي", "عدد التقارير", "0", "3", "مجلس الإدارة", (2021, 4), (2023, 4)),
            ],
        ),
        (
            "تنويع مصادر التمويل",
            [
                ("إعداد خطة لجمع التبرعات", "خطة معتمدة", "لا يوجد", "خطة واحدة", "المدير التنفيذي", (2021, 2), (2021, 3)),
                ("التقدم إلى 6 منح جديدة", "عدد المقترحات المقدمة", "1", "6", "مسؤول تطوير الموارد", (2021, 3), (2023, 3)),
            ],
        ),
    ],
}

DAYRNA = {
    "organization": "ديرنا",
    "title": "Dayrna strategic plan 2021–2025",
    "fields": {
        "start_year": 2021,
        "years": 5,
        "language": "en",
        "status": PlanStatus.REVIEW,
        "vision": "Villages of rural Deir ez-Zor where every family can rebuild a decent livelihood.",
        "mission": (
            "Dayrna supports farmers, women and young people in rural Deir ez-Zor with training, small grants "
            "and advocacy, together with local councils and partner organisations."
        ),
        "achievements": "Since 2017: 35 wells rehabilitated, 420 farmers trained, 3 women's cooperatives founded.",
        "me_reviewed": "Progress on each objective's indicator, spending against budget, beneficiaries' feedback.",
        "me_frequency": "Every quarter; a yearly report to the general assembly",
        "me_by_whom": "The monitoring and evaluation officer with the board",
        "midterm_evaluation": "Mid-term review in the second quarter of 2023 with partners and beneficiaries.",
        "final_evaluation": "External final evaluation in the last quarter of 2025.",
    },
    "values": ["Integrity", "Participation", "Equality between women and men", "Accountability to communities"],
    "stakeholders": [
        ("Local councils of Hajin and Al-Susah", "authority", "Permits and coordination"),
        ("Farmers' associations", "community", "Identify needs, host activities"),
        ("Field Response", "partner", "Joint relief and recovery projects"),
        ("International donors", "donor", "Funding of grants and training"),
    ],
    "swot": {
        "S": ["Deep roots in the villages", "Agricultural expertise in the team"],
        "W": ["No written procedures", "Few women in management"],
        "O": ["Early recovery funding", "Returning families"],
        "T": ["Drought and water shortage", "Insecurity on rural roads"],
    },
    "goals": [
        (
            "Restore agricultural livelihoods",
            [
                ("Rehabilitate 40 irrigation wells", "Wells working", "35", "75", "Projects manager", (2021, 2), (2024, 4)),
                ("Train 600 farmers in water-saving irrigation", "Farmers trained", "420", "1,020", "Agronomist", (2021, 3), (2025, 2)),
            ],
        ),
        (
            "Strengthen women's economic participation",
            [
                ("Found 5 new women's cooperatives", "Cooperatives active", "3", "8", "Gender officer", (2022, 1), (2025, 4)),
                ("Give 100 small grants to women-led projects", "Grants given", "0", "100", "Grants officer", (2022, 3), (2024, 4)),
            ],
        ),
    ],
}
# fmt: on
