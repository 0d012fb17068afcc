"""Offline in the field, in a real Chromium on a phone: take a session offline, mark it with no
connection, close and reopen it, and find the marks on the server once the connection returns;
a conflicting change made on the server meanwhile is offered for resolution."""

import gzip
import os
import time
from pathlib import Path

import pytest
from django.conf import settings

from core.roles import STAFF
from tests.e2e.conftest import PHONE, login
from tests.factories import AttendanceFactory, EnrollmentFactory, PersonFactory, SessionFactory, UserFactory
from trainings.models import Attendance
from trainings.offline import SHELL

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("OFFLINE_SHOTS", "/tmp/offline-shots"))


@pytest.fixture
def session(db):
    UserFactory(username="huda", role=STAFF)
    session = SessionFactory(workshop__title="إدارة المشاريع")
    for name in ("رؤى الجاسم", "يوسف الجاسم", "فاطمة الأحمد"):
        EnrollmentFactory(workshop=session.workshop, person=PersonFactory(full_name=name))
    return session


def take_offline(page, live_server, session):
    """Log in, open the workshop and keep the session on the phone; the page is then the worker's."""
    page.set_default_timeout(45_000)  # installing the worker fetches the shell: slow on a busy CI
    login(page, live_server, "huda")
    page.goto(f"{live_server.url}/trainings/workshops/{session.workshop_id}/")
    controlled(page)
    button = page.locator(f".js-offline-take[data-pk='{session.pk}']")
    button.click()
    button.filter(has_text="✓").wait_for()


def controlled(page):
    """Wait until the service worker serves this page. A page still loading when the worker
    activated is not claimed by it (clients.claim takes loaded pages only): load it again."""
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("() => navigator.serviceWorker.controller !== null"):
        page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", polling=250)


def mark_offline(page, url):
    page.goto(url)
    page.wait_for_selector(".offline-banner.alert-warning")
    page.click(".js-all-present")
    page.locator("input.btn-check[value=absent] + label").nth(1).click()
    page.click(".attendance-form button[value=save]")
    page.wait_for_selector(".offline-alert.alert-success")


def wait_for(condition, seconds=30):  # a failed send is tried again after 3 s, 6 s, 12 s
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.2)


def marks(session):
    return dict(Attendance.objects.filter(session=session).values_list("person__full_name", "status"))


def test_marks_taken_offline_reach_the_server_once(new_page, live_server, session):
    page = new_page(viewport=PHONE)
    take_offline(page, live_server, session)
    context = page.context
    url = f"{live_server.url}/trainings/sessions/{session.pk}/"

    context.set_offline(True)
    mark_offline(page, url)
    assert "دون اتصال" in page.locator(".offline-banner").inner_text() or page.locator(".offline-banner").count()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "offline-session-ar-360.png", full_page=True)

    # Close the page and open it again, still with no connection: the marks wait on the phone.
    page.close()
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(".offline-alert.alert-info")  # "your marks ... are waiting to be sent"
    assert page.locator("input.btn-check:checked").count() == 3
    page.goto(f"{live_server.url}/trainings/offline/")
    page.wait_for_selector(".offline-item.state-waiting")
    page.screenshot(path=SHOTS / "offline-queue-ar-360.png", full_page=True)
    assert marks(session) == {}

    context.set_offline(False)
    expected = {"رؤى الجاسم": "present", "يوسف الجاسم": "present", "فاطمة الأحمد": "present"}
    expected[sorted(expected)[1]] = "absent"
    wait_for(lambda: len(marks(session)) == 3)
    page.wait_for_selector(".js-offline-queue .text-body-secondary")  # the queue is empty again
    assert marks(session) == expected
    assert Attendance.history.filter(session_id=session.pk).count() == 3  # applied once
    session.refresh_from_db()
    assert session.attendance_taken_at is not None


def test_a_conflict_made_meanwhile_is_offered_for_resolution(new_page, live_server, session):
    page = new_page(viewport=PHONE, locale="en")
    take_offline(page, live_server, session)
    context = page.context
    context.set_offline(True)
    mark_offline(page, f"{live_server.url}/trainings/sessions/{session.pk}/")

    # Meanwhile a colleague marks the first trainee late on the server.
    first = session.workshop.enrollments.order_by("person__full_name").first().person
    AttendanceFactory(session=session, person=first, status="late", recorded_by=UserFactory(username="sara"))

    page.goto(f"{live_server.url}/trainings/offline/")
    context.set_offline(False)
    page.wait_for_selector(".offline-item.state-conflict")
    assert marks(session) == {first.full_name: "late"}  # nothing overwritten, nothing half-applied
    card = page.locator(".offline-item.state-conflict")
    assert first.full_name in card.inner_text() and "sara" in card.inner_text()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "offline-conflict-en-360.png", full_page=True)

    card.locator("input[value=mine]").check()  # she saw the trainee arrive: keep her mark
    card.locator("button.btn-primary").click()
    wait_for(lambda: len(marks(session)) == 3)
    assert marks(session)[first.full_name] == "present"
    page.wait_for_selector(".js-offline-queue .text-body-secondary")


def test_logging_out_clears_the_phone(new_page, live_server, session):
    page = new_page(viewport=PHONE)
    take_offline(page, live_server, session)
    page.click(".navbar-toggler")
    page.click("form[action='/accounts/logout/'] button")
    page.wait_for_url("**/accounts/login/**")
    names = page.evaluate("caches.keys().then(keys => keys.filter(k => k.startsWith('capacity-pages')))")
    dbs = page.evaluate("indexedDB.databases().then(d => d.map(x => x.name))")
    assert names == [] and not [name for name in dbs if name.startswith("capacity-offline")]


def test_bundle_size_and_offline_open_time(new_page, live_server, session):
    """The shell kept on the phone, compressed, and an offline session page opening at CPU x4."""
    root = Path(settings.BASE_DIR) / "static"
    sizes = {path: len(gzip.compress((root / path).read_bytes(), 9)) for path in SHELL}
    total = sum(sizes.values())
    print(f"\noffline bundle: {len(SHELL)} files, {total / 1024:.1f} KB compressed (gzip -9)")
    assert total < 300 * 1024

    page = new_page(viewport=PHONE)
    take_offline(page, live_server, session)
    url = f"{live_server.url}/trainings/sessions/{session.pk}/"
    page.context.set_offline(True)
    page.goto(url)  # warm: the worker is awake, as on a phone just used
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    offline = open_times(page, url)
    page.context.set_offline(False)
    online = open_times(page, url)  # the same page from the server, for comparison
    load = os.getloadavg()[0]
    print(f"session page, CPU x4, DOMContentLoaded: offline median {offline[2]:.0f} ms (runs {offline}),")
    print(f"  online median {online[2]:.0f} ms (runs {online}); machine load average {load:.1f}")
    # The target is 200 ms on a mid phone; a shared CI machine is noisier, so the test only
    # guards against a page that waits on the network or a slow script (figures printed above).
    assert offline[2] < float(os.environ.get("OFFLINE_OPEN_BUDGET_MS", 1000))


def open_times(page, url, runs=5):
    times = []
    for _ in range(runs):
        page.goto(url)
        page.wait_for_selector(".attendance-form")
        times.append(round(page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")))
    return sorted(times)


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="The page and its service worker send at the same moment; SQLite's shared in-memory test "
    "database refuses one write at once (table locked) and in CI the retry did not land in time. "
    "Runs on PostgreSQL; the endpoint's once-only rule is tested on both (tests/trainings/test_offline_sync.py).",
)
def test_a_coaching_session_written_offline_is_recorded_once(new_page, live_server, session):
    from coaching.models import CoachingSession
    from tests.factories import EngagementFactory

    engagement = EngagementFactory()
    PersonFactory(full_name="ليلى الحسن", organization=engagement.organization)
    page = new_page(viewport=PHONE)
    page.set_default_timeout(45_000)
    login(page, live_server, "huda")
    page.goto(f"{live_server.url}/coaching/engagements/{engagement.pk}/")
    controlled(page)
    button = page.locator(f".js-offline-take[data-kind=notes][data-pk='{engagement.pk}']")
    button.click()
    button.filter(has_text="✓").wait_for()

    page.context.set_offline(True)
    page.goto(f"{live_server.url}/coaching/engagements/{engagement.pk}/sessions/new/")
    page.wait_for_selector(".offline-banner.alert-warning")
    page.fill("input[name=date]", "2020-10-05")
    page.fill("input[name=hours]", "3")
    page.check("input[name=participants]")
    page.fill("textarea[name=notes]", "الحوكمة والمالية")
    page.click("main form button[type=submit] >> nth=-1")
    page.wait_for_selector(".offline-alert.alert-success")
    assert not CoachingSession.objects.exists()

    page.context.set_offline(False)
    wait_for(lambda: CoachingSession.objects.exists())
    page.goto(f"{live_server.url}/trainings/offline/")
    page.wait_for_selector(".js-offline-queue .text-body-secondary")
    recorded = CoachingSession.objects.get()
    assert recorded.notes == "الحوكمة والمالية" and recorded.participants.count() == 1
