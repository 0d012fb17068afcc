"""Back up and restore the database: pg_dump/pg_restore on PostgreSQL, the SQLite backup API otherwise."""

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


def backup(path, alias="default"):
    """Write a dump of the database to path (custom format on PostgreSQL)."""
    db = connections[alias].settings_dict
    if connections[alias].vendor == "postgresql":
        command = ["pg_dump", "--format=custom", "--no-owner", "--file", str(path), *_pg_args(db), db["NAME"]]
        subprocess.run(command, check=True, env=_pg_env(db), capture_output=True)
        return
    connections[alias].ensure_connection()
    with sqlite3.connect(path) as target:
        connections[alias].connection.backup(target)


def restore(path, database_url):
    """Load a dump made by backup() into the (empty) database named by database_url."""
    db = dj_database_url.parse(database_url)
    if db["ENGINE"].endswith("postgresql"):
        command = ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", db["NAME"], *_pg_args(db), str(path)]
        subprocess.run(command, check=True, env=_pg_env(db), capture_output=True)
        return
    with sqlite3.connect(path) as source, sqlite3.connect(db["NAME"]) as target:
        source.backup(target)
