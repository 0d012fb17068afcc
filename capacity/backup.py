"""Back up and restore the database: pg_dump/pg_restore on PostgreSQL, the SQLite backup API otherwise.

A dump holds personal data, password hashes and live sessions: it is created readable
by its owner only (0600), whatever the umask. A failure of pg_dump or pg_restore is
raised as BackupError carrying the tool's own message, not a bare CalledProcessError.
"""

import os
import sqlite3
import subprocess

import dj_database_url
from django.db import connections


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
    """Write a dump of the database to path (custom format on PostgreSQL), readable by its owner only."""
    db = connections[alias].settings_dict
    _private_file(path)
    if connections[alias].vendor == "postgresql":
        command = ["pg_dump", "--format=custom", "--no-owner", "--file", str(path), *_pg_args(db), db["NAME"]]
        _run(command, _pg_env(db))
        return
    connections[alias].ensure_connection()
    with sqlite3.connect(path) as target:
        connections[alias].connection.backup(target)


def restore(path, database_url):
    """Load a dump made by backup() into the (empty) database named by database_url."""
    db = dj_database_url.parse(database_url)
    if db["ENGINE"].endswith("postgresql"):
        command = ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", db["NAME"], *_pg_args(db), str(path)]
        _run(command, _pg_env(db))
        return
    with sqlite3.connect(path) as source, sqlite3.connect(db["NAME"]) as target:
        source.backup(target)
