"""Two saves of the same plan version at the same moment: exactly one wins, the other is refused whole."""

import threading

import pytest
from django.db import connection, connections

from coaching.models import PlanValue, StrategicPlan
from coaching.plans import StaleEdit, locked_save
from tests.factories import StrategicPlanFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_of_one_version_let_exactly_one_through():
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(("file:memorydb", ":memory:")):
        pytest.skip("threads need a database file or server")
    plan = StrategicPlanFactory()
    users = [UserFactory(username="first"), UserFactory(username="second")]
    barrier = threading.Barrier(2)
    outcome = {}

    def save(user, text):
        try:
            mine = StrategicPlan.objects.get(pk=plan.pk)
            barrier.wait(timeout=10)

            def write():
                PlanValue.objects.create(plan=mine, order=1, text=text)

            locked_save(mine, 1, user, write)
            outcome[text] = "saved"
        except StaleEdit:
            outcome[text] = "refused"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(user, user.username)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcome.values()) == ["refused", "saved"]
    winner = next(text for text, result in outcome.items() if result == "saved")
    assert list(PlanValue.objects.values_list("text", flat=True)) == [winner]
    plan.refresh_from_db()
    assert plan.version == 2 and plan.revisions.count() == 1
