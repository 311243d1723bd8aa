"""The benchmark's own database: created, dropped, and Django started on it."""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from .options import BENCH_DB, BENCH_DIR, SQLITE_PATH


def database_url(args: argparse.Namespace) -> str:
    if args.db == "postgres":
        return f"{_server(args)}/{BENCH_DB}"
    return f"sqlite:///{SQLITE_PATH}"


def database_create(args: argparse.Namespace) -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if args.db == "postgres":
        _on_server(
            args,
            f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)",
            f"CREATE DATABASE {BENCH_DB}",
        )
    else:
        _sqlite_files_remove()


def database_drop(args: argparse.Namespace) -> None:
    from django.db import connections

    connections.close_all()
    if args.db == "postgres":
        _on_server(args, f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
    else:
        _sqlite_files_remove()


def django_start(url: str) -> None:
    import django

    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    # Messages stay in memory; the figures are the database's and the code's.
    os.environ["SMS_BACKEND"] = "locmem"
    os.environ["EMAIL_BACKEND"] = "locmem"
    os.environ["LOG_LEVEL"] = "WARNING"
    django.setup()
    # Celery's eager mode has kombu warn once about a broker host it never uses.
    logging.getLogger("kombu").setLevel(logging.ERROR)


def _server(args: argparse.Namespace) -> str:
    return args.pg_url.rstrip("/")


def _on_server(args: argparse.Namespace, *statements: str) -> None:
    """Statements on the server's maintenance database, outside a transaction."""
    import psycopg

    with psycopg.connect(f"{_server(args)}/postgres", autocommit=True) as c:
        for statement in statements:
            c.execute(statement)


def _sqlite_files_remove() -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
