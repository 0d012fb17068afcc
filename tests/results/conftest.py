import datetime
from types import SimpleNamespace

import pytest

from results.models import Indicator, Result, ResultKind, ResultsFramework, Rule, Target
from tests.reports.conftest import demo, programme  # noqa: F401 - the small project whose figures are known; the demo

D = datetime.date


@pytest.fixture
def framework(programme):  # noqa: F811
    """A monthly framework on the programme: one indicator per rule, targets in August and October."""
    found = ResultsFramework.objects.create(project=programme.project, periodicity="month")
    outcome = Result.objects.create(framework=found, kind=ResultKind.OUTCOME, code="O1", statement_ar="نتيجة")
    indicators = {}
    for order, rule in enumerate(Rule.values, start=1):
        indicator = Indicator(result=outcome, code=f"I{order}", name_ar=f"مؤشر {order}", rule=rule, target=10)
        indicator.full_clean()
        indicator.save()
        indicators[rule] = indicator
    Target.objects.create(indicator=indicators[Rule.TRAINEES], period=D(2020, 8, 1), value=4)
    Target.objects.create(indicator=indicators[Rule.COACHING_DAYS], period=D(2020, 10, 1), value=4)
    Target.objects.create(indicator=indicators[Rule.WOMEN_SHARE], period=D(2020, 8, 1), value=50)
    return SimpleNamespace(framework=found, outcome=outcome, indicators=indicators, programme=programme)
