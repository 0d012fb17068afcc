"""Load test: gunicorn on PostgreSQL on loopback, many users marking attendance and reading lists.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/capacity_load \\
        .venv/bin/python -m tests.load.drive --users 40 --seconds 60

It migrates the database it is given, makes one workshop session per virtual
user (30 trainees each), starts gunicorn with production settings (DEBUG off)
on 127.0.0.1, and runs each user in a thread for a bounded time: open the
people list, open its session's attendance page, save a random set of marks.
Then it prints requests per second, latency percentiles and errors, and checks
the database: for every session, the marks stored are exactly the last ones
its user saved, once each.

With --export-scale 4, a coordinator also asks for the flat export of a programme of
1,000,000 marks as the users start, and a jobs worker writes it while they work
(tests.load.export_during): the run then also fails if the workbook misses a mark.

    DATABASE_URL=... .venv/bin/python -m tests.load.drive --users 40 --seconds 120 --export-scale 4
"""

import argparse
import html
import http.client
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from tests.load import export_during

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "load-test-password-2020"
STATUSES = ["present", "late", "excused", "absent"]
ORIG = re.compile(r'name="orig-(\d+)" value="([^"]*)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def make_data(users, trainees):
    """One staff login and one session of `trainees` enrolled people per virtual user.

    The programme is capacity.programme's, at the size of the run, its sessions waiting
    for their attendance; running again with the same size finds it made.
    """
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from capacity.programme import Size, build_programme
    from capacity.programme.users import login
    from core.roles import STAFF
    from trainings.models import Enrollment

    size = Size(
        organizations=users,
        people=users * trainees,
        workshops=users,
        trainers=1,
        sessions_per_workshop=1,
        enrolled_per_workshop=trainees,
    )
    project = build_programme(size, code=f"LOAD-{users}x{trainees}", marks=False)["project"]
    # Hashed for the production settings gunicorn runs with, whatever this process uses.
    hasher = PBKDF2PasswordHasher()
    plan = []
    for n, workshop in enumerate(project.workshops.order_by("pk")):
        user = login(f"load{n}", PASSWORD, STAFF, hasher=hasher, centres=[project.centre])
        people = list(Enrollment.objects.filter(workshop=workshop).values_list("person_id", flat=True))
        plan.append((user.username, workshop.sessions.get().pk, people))
    return plan


class Client:
    """A tiny HTTP client with its own cookies (Secure cookies are sent: this is loopback)."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, body=None, timings=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": f"127.0.0.1:{self.port}"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
        started = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        if timings is not None:
            timings.append(time.perf_counter() - started)
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        conn.close()
        return response.status, text

    def login(self, username):
        _, page = self.request("GET", "/accounts/login/")
        token = CSRF.search(page).group(1)
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            urlencode({"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}),
        )
        if status != 302:
            raise RuntimeError(f"login of {username} failed: {status}")


def virtual_user(port, username, session_pk, people, start, stats, sent):
    """Log in, wait for every user to be ready, then work until the shared deadline."""
    client = Client(port)
    client.login(username)
    start["barrier"].wait()
    deadline = time.monotonic() + start["seconds"]
    while time.monotonic() < deadline:
        for path in ("/organizations/people/", f"/trainings/sessions/{session_pk}/"):
            status, page = client.request("GET", path, timings=stats["latency"])
            stats["requests"] += 1
            if status != 200:
                stats["errors"].append((path, status))
        token = CSRF.search(page).group(1)
        # The marks as the page shows them (those of an earlier run, too): the save sends them
        # back so that the app can tell a stale form.
        orig = {int(pk): html.unescape(value) for pk, value in ORIG.findall(page)}
        marks = {pk: (random.choice(STATUSES), random.choice(["", "تأخر بسبب الطريق"])) for pk in people}
        form = {"csrfmiddlewaretoken": token, "action": "save"}
        for pk, (status_value, remark) in marks.items():
            form.update({f"status-{pk}": status_value, f"remark-{pk}": remark, f"orig-{pk}": orig[pk]})
        status, _ = client.request(
            "POST", f"/trainings/sessions/{session_pk}/", urlencode(form), timings=stats["latency"]
        )
        stats["requests"] += 1
        if status == 302:
            stats["saves"] += 1
            sent[session_pk] = marks
        else:
            stats["errors"].append(("save", status))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(private_root):
    """The environment of gunicorn and of the jobs worker: production settings, DEBUG off."""
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": "http://127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_MANIFEST": "false",
            "DJANGO_SETTINGS_MODULE": "capacity.settings",
            "PRIVATE_ROOT": str(private_root),
        }
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def start_gunicorn(port, workers, env):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "capacity.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def check_database(sent, plan):
    """Every session holds exactly its user's last saved marks, one row per person."""
    from django.db.models import Count

    from trainings.models import Attendance

    problems = []
    for _username, session_pk, _people in plan:
        rows = {a.person_id: (a.status, a.remark) for a in Attendance.objects.filter(session_id=session_pk)}
        expected = sent.get(session_pk, {})
        if rows != expected:
            problems.append(f"session {session_pk}: {len(rows)} rows, {len(expected)} expected or values differ")
    doubled = Attendance.objects.values("session", "person").annotate(n=Count("id")).filter(n__gt=1).count()
    if doubled:
        problems.append(f"{doubled} doubled marks")
    problems += check_tallies()
    return problems


def check_tallies():
    """The tallies kept through the run are those counted afresh from the marks."""
    from trainings import tallies
    from trainings.models import Tally

    fields = ("workshop_id", "person_id", "enrolled", "held", "attended", "excused", "attended_seconds")
    kept = set(Tally.objects.values_list(*fields))
    tallies.recount_all()
    counted = set(Tally.objects.values_list(*fields))
    return [] if kept == counted else [f"{len(kept ^ counted)} tallies differ from the marks"]


def run(users=20, seconds=20, trainees=30, workers=3, export_scale=None):
    """Drive the app; return a dict of figures (and print them).

    export_scale: also ask, as the users start, for the flat export of a programme of that
    scale (tests.load.export_during), written by a jobs worker while they work.
    """
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    plan = make_data(users, trainees)
    export = export_during.make_export_data(export_scale, PASSWORD, PBKDF2PasswordHasher()) if export_scale else None
    from django.db import connections

    connections.close_all()
    port = free_port()
    env = production_env(tempfile.mkdtemp(prefix="capacity-load-private-"))
    server = start_gunicorn(port, workers, env)
    worker = watcher = None
    if export:
        worker = export_during.start_worker(env)
        watcher = export_during.ExportWatcher(Client(port), export[0], worker, timeout=max(600, seconds * 10))
        watcher.client.login(export_during.USERNAME)
    stats = {"latency": [], "requests": 0, "saves": 0, "errors": []}
    sent = {}
    # Logins (slow password hashing) happen before the clock starts.
    start = {"barrier": threading.Barrier(users + 1), "seconds": seconds}
    try:
        threads = [
            threading.Thread(target=virtual_user, args=(port, username, session_pk, people, start, stats, sent))
            for username, session_pk, people in plan
        ]
        for thread in threads:
            thread.start()
        start["barrier"].wait(timeout=300)
        started = time.perf_counter()
        if watcher:
            watcher.start()
        for thread in threads:
            thread.join(seconds + 60)
        elapsed = time.perf_counter() - started
        if watcher:
            watcher.join(watcher.timeout)
    finally:
        for process in (server, worker):
            if process:
                process.send_signal(signal.SIGTERM)
                process.wait(30)
    latency = sorted(stats["latency"]) or [0]
    figures = {
        "users": users,
        "seconds": round(elapsed, 1),
        "requests": stats["requests"],
        "saves": stats["saves"],
        "marks_saved": stats["saves"] * trainees,
        "rps": round(stats["requests"] / elapsed, 1),
        "p50_ms": round(statistics.median(latency) * 1000, 1),
        "p95_ms": round(latency[int(len(latency) * 0.95) - 1] * 1000, 1),
        "p99_ms": round(latency[int(len(latency) * 0.99) - 1] * 1000, 1),
        "errors": len(stats["errors"]),
        "database_problems": check_database(sent, plan),
    }
    if watcher:
        figures.update({"export_marks": export[1], **watcher.figures})
    for key, value in figures.items():
        print(f"{key:>18}: {value}")
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--export-scale", type=float, default=None, help="also export a programme of this scale (4: 1M marks) meanwhile"
    )
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Point DATABASE_URL at a PostgreSQL database made for this test.")
    call_command("migrate", verbosity=0)
    figures = run(args.users, args.seconds, args.trainees, args.workers, args.export_scale)
    sys.exit(1 if failed(figures) else 0)


def failed(figures):
    """Errors, lost or doubled marks, or an export that did not hold every mark."""
    export_lost = "export_marks" in figures and figures.get("export_rows") != figures["export_marks"]
    return bool(figures["errors"] or figures["database_problems"] or export_lost)


if __name__ == "__main__":
    main()
