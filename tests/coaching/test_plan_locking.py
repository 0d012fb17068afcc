"""Two saves of the same plan version at the same moment: exactly one wins, the other is refused whole."""

import pytest

from coaching.models import PlanValue, StrategicPlan
from coaching.plans import StaleEdit, locked_save
from tests.coaching.helpers import at_once, needs_threads
from tests.factories import StrategicPlanFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_of_one_version_let_exactly_one_through():
    needs_threads()
    plan = StrategicPlanFactory()
    users = [UserFactory(username="first"), UserFactory(username="second")]
    mine = {user.username: StrategicPlan.objects.get(pk=plan.pk) for user in users}

    def save(user):
        def write():
            PlanValue.objects.create(plan=mine[user.username], order=1, text=user.username)

        return lambda: locked_save(mine[user.username], 1, user, write)

    outcome = at_once([save(user) for user in users])
    refused = [index for index, result in outcome.items() if isinstance(result, StaleEdit)]
    saved = [index for index, result in outcome.items() if isinstance(result, StrategicPlan)]
    assert len(refused) == len(saved) == 1
    assert list(PlanValue.objects.values_list("text", flat=True)) == [users[saved[0]].username]
    plan.refresh_from_db()
    assert plan.version == 2 and plan.revisions.count() == 1
