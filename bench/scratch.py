"""The throw-away database a single-file benchmark runs in, and Django started on it.

``assessment.py``, ``evaluation.py`` and ``knowledge.py`` each load millions
of rows into a database of their own — a file under ``var/bench/`` or a
PostgreSQL database on the server given by ``--pg-url`` — and drop it at the
end; this module holds that once.
"""

from __future__ import annotations

import argparse
import logging
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ScratchDatabase:
    """A benchmark's database: ``sqlite_path`` for ``--db sqlite``, ``pg_name`` for postgres."""

    sqlite_path: Path
    pg_name: str

    def url(self, args: argparse.Namespace) -> str:
        if args.db == "postgres":
            return f"{args.pg_url.rstrip('/')}/{self.pg_name}"
        return f"sqlite:///{self.sqlite_path}"

    def create(self, args: argparse.Namespace) -> None:
        """Start from an empty database (whatever a previous run left is dropped)."""
        self.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        if args.db == "postgres":
            self._on_server(
                args,
                f"DROP DATABASE IF EXISTS {self.pg_name} WITH (FORCE)",
                f"CREATE DATABASE {self.pg_name}",
            )
        else:
            self._sqlite_remove()

    def drop(self, args: argparse.Namespace) -> None:
        from django.db import connections

        connections.close_all()
        if args.db == "postgres":
            self._on_server(
                args, f"DROP DATABASE IF EXISTS {self.pg_name} WITH (FORCE)"
            )
        else:
            self._sqlite_remove()

    @staticmethod
    def _on_server(args: argparse.Namespace, *statements: str) -> None:
        import psycopg

        server = f"{args.pg_url.rstrip('/')}/postgres"
        with psycopg.connect(server, autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)

    def _sqlite_remove(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.sqlite_path}{suffix}").unlink(missing_ok=True)


def django_start(url: str) -> None:
    """Django on ``url`` with messages kept in memory and quiet logs."""
    import django

    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["SMS_BACKEND"] = "locmem"
    os.environ["EMAIL_BACKEND"] = "locmem"
    django.setup()
    logging.getLogger("kombu").setLevel(logging.ERROR)
