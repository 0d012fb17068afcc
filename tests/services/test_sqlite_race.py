"""On SQLite the overlap rule rests on IMMEDIATE transactions: race two writers on a real database file.

The test database of the suite is in memory with a shared cache, where a
second writer fails with "table is locked" instead of waiting, so this test
migrates an SQLite file of its own in a subprocess and races there.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

RACE = """
import datetime, json, threading
from django.db import connections
from django.utils import timezone
from organizations.models import Centre, Organization, Region, Room
from services.booking import BookingConflict, save_booking
from services.models import Booking

region = Region.objects.create(name_ar="الطبقة")
room = Room.objects.create(centre=Centre.objects.create(name_ar="مركز", region=region), name_ar="قاعة")
orgs = [Organization.objects.create(name_ar=name, region=region) for name in ("العهد", "ديرنا")]
base = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
rounds = []
for n in range(ROUNDS):
    start = base + datetime.timedelta(days=n)
    barrier = threading.Barrier(2)
    outcome = []

    def book(org):
        try:
            barrier.wait()
            booking = Booking(room=room, organization=org, purpose="race", start=start)
            booking.end = start + datetime.timedelta(hours=2)
            save_booking(booking)
            outcome.append("saved")
        except BookingConflict:
            outcome.append("refused")
        except Exception as error:
            outcome.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(org,)) for org in orgs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rounds.append(sorted(outcome))
print("RESULT " + json.dumps({"rounds": rounds, "rows": Booking.objects.count()}))
"""


@pytest.mark.slow
def test_two_writers_on_an_sqlite_file_save_exactly_one_booking(tmp_path):
    env = dict(os.environ, DEBUG="true", DATABASE_URL=f"sqlite:///{tmp_path / 'race.sqlite3'}")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300)
    rounds = 20
    done = subprocess.run(
        [*manage, "shell", "-c", RACE.replace("ROUNDS", str(rounds))],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
        text=True,
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    assert result["rounds"] == [["refused", "saved"]] * rounds
    assert result["rows"] == rounds
