"""Where jobs keep their files: PRIVATE_ROOT (outside MEDIA_ROOT), read only through a job's page.

Workers on other machines must see the same directory (a shared mount), since the web
server serves what a worker wrote.
"""

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings

from core.excel import open_workbook

JOBS_DIR = "jobs"
CACHE_DIR = "cache"


def root():
    return Path(settings.PRIVATE_ROOT)


def directory(name):
    """PRIVATE_ROOT/name, made (readable by the app's user only) if missing."""
    path = root() / name
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def scratch(suffix):
    """A new empty file in the jobs directory for a builder to write; its path."""
    fd, path = tempfile.mkstemp(prefix="tmp-", suffix=suffix, dir=directory(JOBS_DIR))
    os.close(fd)
    return Path(path)


def full_path(relative):
    """The absolute path of a job's file (stored relative to PRIVATE_ROOT), never outside it."""
    path = (root() / relative).resolve()
    if root().resolve() not in path.parents:
        raise FileNotFoundError(relative)
    return path


def remove(relative):
    if relative:
        try:
            full_path(relative).unlink(missing_ok=True)
        except FileNotFoundError:
            pass


def cached(key, build):
    """The bytes build() returns, kept under key: a second call with the same key reads them back.

    Written to a temporary name then renamed, so a reader never sees half a file, and two
    workers rendering the same key at once both end with a whole one.
    """
    path = directory(CACHE_DIR) / (hashlib.sha256(key.encode()).hexdigest() + ".bin")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    content = build()
    write_whole(path, content)
    return content


def write_whole(path, content):
    """Write content at path through a temporary name (mode 0600) and a rename: whole or not at all."""
    fd, scratch_path = tempfile.mkstemp(prefix="tmp-", dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    os.replace(scratch_path, path)


def xlsx_file(path, build, constant_memory=False):
    """Write a workbook at path with build(workbook) (core.excel's writer); return what build returned."""
    workbook = open_workbook(str(path), constant_memory=constant_memory)
    try:
        return build(workbook)
    finally:
        workbook.close()
