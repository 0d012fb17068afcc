"""Builders of jobs for the tests (core/jobs calls them by dotted path, as the app's own)."""

from core.jobs.runner import Refused


def failing(job, progress, path):
    raise RuntimeError("disk on fire")


def refusing(job, progress, path):
    raise Refused("لا يمكن")


def counting(job, progress, path):
    total = job.parameters.get("total", 5)
    for _item in progress.over(range(total), total=total):
        pass
    path.write_text("done")
    return total


def slow(job, progress, path):
    """Counts to total, a tenth of a second per step: long enough to be killed half-way."""
    import time

    total = job.parameters.get("total", 100)
    for _item in progress.over(range(total), total=total):
        time.sleep(0.1)
        progress.flush()
    path.write_text("done")
    return total
