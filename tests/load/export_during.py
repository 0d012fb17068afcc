"""A big flat export asked for over HTTP while the load test runs (issue #15's "load test during a 1M-mark export").

A coordinator asks gunicorn for the flat attendance export of a programme of
capacity.programme at `scale` (1,000,000 marks at 4); a `manage.py db_worker` beside
gunicorn writes it while the virtual users of tests.load.drive mark attendance. The
watcher times the request that asks (it must answer at once, with the job's page),
polls the download until the file is there, samples the worker's resident memory,
and reads the workbook back with openpyxl, counting its rows.
"""

import http.client
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USERNAME = "load-export"
POLL_SECONDS = 2


def make_export_data(scale, password, hasher):
    """(project pk, marks) of the programme to export, made once per scale; its coordinator's login."""
    from capacity.programme import build_programme
    from capacity.programme.users import login
    from core.roles import COORDINATOR
    from trainings.models import Attendance, Project

    code = f"LOAD-EXPORT-{scale:g}"
    project = Project.objects.filter(code=code).first()
    if project is None:
        project = build_programme(scale, code=code)["project"]
    login(USERNAME, password, COORDINATOR, hasher=hasher, centres=[project.centre])
    return project.pk, Attendance.objects.filter(session__workshop__project=project).count()


def start_worker(env):
    """A jobs worker as deployed (README): production settings, the database backend."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.5"],
        cwd=ROOT,
        env={**env, "TASKS_BACKEND": "database"},
        stdout=subprocess.DEVNULL,
    )


def resident_mb(pid):
    """The peak resident memory (VmHWM) of process pid, in MB, or 0 when it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0


def _get(port, path, cookies, into=None):
    """(status, Location) of a GET; the body is written to the file into, or dropped."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    conn.request("GET", path, headers={"Cookie": cookie, "Host": f"127.0.0.1:{port}"})
    response = conn.getresponse()
    while chunk := response.read(1 << 20):
        if into is not None and response.status == 200:
            into.write(chunk)
    conn.close()
    return response.status, response.getheader("Location", "")


def _rows_of(path):
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return max(sheet.max_row for sheet in workbook.worksheets)
    finally:
        workbook.close()


class ExportWatcher(threading.Thread):
    """Asks for the export as the coordinator, then waits for its file (figures in self.figures)."""

    def __init__(self, client, project_pk, worker, timeout):
        super().__init__(daemon=True)
        self.client, self.project_pk, self.worker, self.timeout = client, project_pk, worker, timeout
        self.figures = {}

    def run(self):
        try:
            self.figures.update(self._export())
        except Exception as error:  # reported with the figures, never lost in a thread
            self.figures["export_error"] = repr(error)

    def _export(self):
        port, cookies = self.client.port, self.client.cookies
        started = time.perf_counter()
        status, location = _get(port, f"/excel/projects/{self.project_pk}/attendance/?download=1", cookies)
        asked = time.perf_counter() - started
        if status != 302 or "/jobs/" not in location:
            return {"export_error": f"the export answered {status} {location}"}
        job = location.rstrip("/").split("/")[-1]
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
            while time.perf_counter() - started < self.timeout:
                memory = resident_mb(self.worker.pid)
                status, _ = _get(port, f"/jobs/{job}/download/", cookies, into=handle)
                if status == 200:
                    break
                if status != 302:  # still running redirects to the job's page; anything else is an error
                    return {"export_error": f"the download answered {status}"}
                time.sleep(POLL_SECONDS)
            else:
                return {"export_error": f"no file after {self.timeout} s"}
            seconds = time.perf_counter() - started
            handle.flush()
            rows = _rows_of(handle.name) - 1  # less the heading row
        return {
            "export_request_s": round(asked, 3),
            "export_s": round(seconds, 1),
            "export_rows": rows,
            "worker_mb": round(memory),
        }
