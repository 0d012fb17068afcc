"""The demo's results framework for project CB-2020: an outcome, two outputs and eight
indicators (seven computed from the data, one entered by hand), with monthly targets, so
that a new user sees an IPTT at once. Got or created by natural keys: loading twice
changes nothing. Needs demo_training (the project) and is best after coaching and services.
"""

import datetime

from capacity.programme.demo_training import demo_project
from results.models import Indicator, ManualValue, Result, ResultKind, ResultsFramework, Rule, Target

D = datetime.date
# (code, kind, Arabic, English, serves)
RESULTS = [
    (
        "O1",
        ResultKind.OUTCOME,
        "قدرات مؤسسية أقوى للمنظمات المحلية",
        "Local organisations have stronger capacities",
        None,
    ),
    ("O1.1", ResultKind.OUTPUT, "كوادر المنظمات مدرّبة", "The organisations' staff are trained", "O1"),
    (
        "O1.2",
        ResultKind.OUTPUT,
        "المنظمات تتلقى التوجيه نحو خطة استراتيجية",
        "Organisations are coached to a strategic plan",
        "O1",
    ),
]
# (result, code, Arabic, English, rule, baseline, whole-project target, {month: target})
INDICATORS = [
    ("O1", "1.a", "منظمات لديها خطة استراتيجية معتمدة", "Organisations with an approved strategic plan",
     Rule.APPROVED_PLANS, 0, 15, {D(2020, 11, 1): 5, D(2020, 12, 1): 10}),
    ("O1", "1.b", "متوسط تغيّر درجة القدرات في تقييم الاحتياجات", "Average change of the capacity score",
     Rule.CAPACITY_CHANGE, 0, 1, {D(2020, 12, 1): 1}),
    ("O1.1", "1.1.a", "متدربون ومتدربات وصلهم التدريب", "Trainees reached", Rule.TRAINEES, 0, 30, {D(2020, 8, 1): 30}),
    ("O1.1", "1.1.b", "نسبة النساء بين المتدربين", "Share of women among trainees", Rule.WOMEN_SHARE, 0, 40,
     {D(2020, 8, 1): 40}),
    ("O1.1", "1.1.c", "متوسط التحسن بين الاختبار القبلي والبعدي", "Average gain from pre-test to post-test",
     Rule.TEST_GAIN, 0, 15, {D(2020, 8, 1): 15}),
    ("O1.1", "1.1.d", "متوسط رضا المتدربين", "Average satisfaction of trainees", Rule.SATISFACTION, 0, 4,
     {D(2020, 8, 1): 4}),
    ("O1.2", "1.2.a", "أيام التوجيه المنفذة", "Coaching days delivered", Rule.COACHING_DAYS, 0, 60,
     {D(2020, 9, 1): 10, D(2020, 10, 1): 20, D(2020, 11, 1): 20, D(2020, 12, 1): 10}),
    ("O1.2", "1.2.b", "اجتماعات تشبيك مشتركة بين المنظمات", "Joint networking meetings of the organisations",
     Rule.MANUAL, 0, 4, {D(2020, 10, 1): 1, D(2020, 11, 1): 2, D(2020, 12, 1): 1}),
]  # fmt: skip
MANUAL_VALUES = [
    ("1.2.b", D(2020, 10, 1), 1, "اجتماع في مركز الرقة حضرته ثماني منظمات", "محضر الاجتماع، أرشيف المركز 2020/10"),
    ("1.2.b", D(2020, 11, 1), 1, "اجتماع واحد من اثنين: أُجّل الثاني", "محضر الاجتماع، أرشيف المركز 2020/11"),
]


def load():
    project, _training, _coaching = demo_project()
    framework, _ = ResultsFramework.objects.get_or_create(project=project, defaults={"periodicity": "month"})
    results = {}
    for order, (code, kind, ar, en, serves) in enumerate(RESULTS, start=1):
        results[code], _ = Result.objects.get_or_create(
            framework=framework,
            code=code,
            defaults={
                "kind": kind,
                "statement_ar": ar,
                "statement_en": en,
                "serves": results.get(serves),
                "order": order,
            },
        )
    indicators = {}
    for order, (result, code, ar, en, rule, baseline, target, by_month) in enumerate(INDICATORS, start=1):
        indicator, _ = Indicator.objects.get_or_create(
            result=results[result],
            code=code,
            defaults={
                "name_ar": ar,
                "name_en": en,
                "rule": rule,
                "baseline": baseline,
                "target": target,
                "order": order,
            },
        )
        indicator.full_clean()  # sets the rule's unit
        indicator.save()
        indicators[code] = indicator
        for month, value in by_month.items():
            Target.objects.get_or_create(indicator=indicator, period=month, defaults={"value": value})
    for code, month, value, note, evidence in MANUAL_VALUES:
        ManualValue.objects.get_or_create(
            indicator=indicators[code], period=month, defaults={"value": value, "note": note, "evidence": evidence}
        )
    return f"a results framework with {len(indicators)} indicators and {Target.objects.filter(indicator__result__framework=framework).count()} targets"
