"""Back up and restore the database and the attached files, as one archive.

The backup is a tar file holding the database (pg_dump's custom format on PostgreSQL,
an SQLite copy otherwise) and, under files/, every file of the attachments storage
(STORAGES["attachments"]: local folder or S3 bucket alike, read through the storage API).
Restore loads the database into an empty one and writes the files back into the
attachments storage, or into another folder (files_dir). A bare dump made before files
were backed up still restores.

A backup holds personal data, password hashes and live sessions: it is created readable
by its owner only (0600), whatever the umask. A failure of pg_dump or pg_restore is
raised as BackupError carrying the tool's own message, not a bare CalledProcessError.
"""

import os
import posixpath
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

import dj_database_url
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections

FILES_STORAGE = "attachments"
FILES_PREFIX = "files/"
DATABASE_MEMBERS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


def _pg_args(db):
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return args


def _pg_env(db):
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


class BackupError(Exception):
    """A dump or a restore failed; the message says why, in the tool's words."""


def _run(command, env):
    try:
        subprocess.run(command, check=True, env=env, capture_output=True)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed: {error}") from error
    except subprocess.CalledProcessError as error:
        message = (error.stderr or b"").decode(errors="replace").strip() or f"exit code {error.returncode}"
        raise BackupError(f"{command[0]} failed: {message}") from error


def _private_file(path):
    """Create (or empty) path with mode 0600 before anything is written into it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)  # an existing file keeps its old mode through O_CREAT


def backup(path, alias="default"):
    """Write the database and the attached files to path (a tar, readable by its owner only).

    Returns the number of files included.
    """
    connection = connections[alias]
    member = DATABASE_MEMBERS["postgresql" if connection.vendor == "postgresql" else "sqlite"]
    _private_file(path)
    with tempfile.TemporaryDirectory() as folder:  # 0700: the dump waits there before it joins the archive
        dump = Path(folder) / member
        _private_file(dump)
        _dump_database(dump, alias)
        with open(path, "wb") as out, tarfile.open(fileobj=out, mode="w") as archive:
            archive.add(dump, arcname=member)
            return _add_files(archive, storages[FILES_STORAGE])


def _dump_database(path, alias):
    db = connections[alias].settings_dict
    if connections[alias].vendor == "postgresql":
        command = ["pg_dump", "--format=custom", "--no-owner", "--file", str(path), *_pg_args(db), db["NAME"]]
        _run(command, _pg_env(db))
        return
    connections[alias].ensure_connection()
    with sqlite3.connect(path) as target:
        connections[alias].connection.backup(target)


def _add_files(archive, storage):
    count = 0
    for name in _stored_names(storage):
        info = tarfile.TarInfo(FILES_PREFIX + name)
        info.size = storage.size(name)
        info.mode = 0o600
        with storage.open(name, "rb") as handle:
            archive.addfile(info, handle)
        count += 1
    return count


def _stored_names(storage, folder=""):
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing was ever attached: the folder does not exist yet
        return
    for name in sorted(files):
        yield posixpath.join(folder, name)
    for sub in sorted(folders):
        yield from _stored_names(storage, posixpath.join(folder, sub))


def restore(path, database_url, files_dir=None):
    """Load a backup into the (empty) database named by database_url and put its files back.

    The files go into the attachments storage, or into the folder files_dir when given.
    Returns the number of files restored.
    """
    if not _is_archive(path):
        _restore_database(path, database_url)  # a bare dump, from before files were backed up
        return 0
    storage = (
        FileSystemStorage(location=files_dir, file_permissions_mode=0o600, directory_permissions_mode=0o700)
        if files_dir
        else storages[FILES_STORAGE]
    )
    with tarfile.open(path) as archive, tempfile.TemporaryDirectory() as folder:
        members = archive.getmembers()
        database = [m for m in members if m.name in DATABASE_MEMBERS.values()]
        if len(database) != 1 or not database[0].isfile():
            raise BackupError(f"{path} is not a backup made by this app: no database in it.")
        dump = Path(folder) / database[0].name
        _private_file(dump)
        with archive.extractfile(database[0]) as source, open(dump, "wb") as target:
            while chunk := source.read(1024 * 1024):
                target.write(chunk)
        _restore_database(dump, database_url)
        count = 0
        for member in members:
            if member.name.startswith(FILES_PREFIX):
                _restore_file(archive, member, storage)
                count += 1
        return count


def _is_archive(path):
    with open(path, "rb") as handle:
        return handle.read(512)[257:262] == b"ustar"


def _restore_file(archive, member, storage):
    name = member.name[len(FILES_PREFIX) :]
    if not member.isfile() or name.startswith("/") or ".." in name.split("/") or posixpath.normpath(name) != name:
        raise BackupError(f"Refused a file of the backup with an unsafe name: {member.name!r}")
    if storage.exists(name):
        storage.delete(name)  # the backup's copy wins: the restored rows point at it
    with archive.extractfile(member) as source:
        saved = storage.save(name, File(source, name=name))
    if saved != name:
        raise BackupError(f"{name} was restored as {saved}: remove the old file and restore again.")


def _restore_database(path, database_url):
    db = dj_database_url.parse(database_url)
    if db["ENGINE"].endswith("postgresql"):
        command = ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", db["NAME"], *_pg_args(db), str(path)]
        _run(command, _pg_env(db))
        return
    with sqlite3.connect(path) as source, sqlite3.connect(db["NAME"]) as target:
        source.backup(target)
