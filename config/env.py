"""Typed readers of environment variables that fail loudly, naming the variable.

After healthchecks' ``hc/settings.py``: every setting has a safe default for the
embedded run, and a bad value stops the start with a message saying which
variable is wrong and what was expected.
"""

from __future__ import annotations

import os
import zoneinfo

import dj_database_url


class ImproperlyConfiguredEnv(RuntimeError):
    """A variable of the environment holds a value OneStop cannot use."""

    def __init__(self, name: str, value: str, expected: str) -> None:
        super().__init__(
            f"Environment variable {name}={value!r} is invalid: {expected}."
        )
        self.name = name


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfiguredEnv(name, raw, "expected one of 1/0, true/false, yes/no")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfiguredEnv(name, raw, "expected a whole number") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [part.strip() for part in raw.split(",") if part.strip()]
    if not items:
        raise ImproperlyConfiguredEnv(name, raw, "expected a comma-separated list")
    return items


def env_time_zone(name: str, default: str) -> str:
    raw = os.environ.get(name, default)
    try:
        zoneinfo.ZoneInfo(raw)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfiguredEnv(
            name, raw, "expected an IANA time zone such as Asia/Shanghai"
        ) from None
    return raw


def env_database(name: str, default: str) -> dict[str, object]:
    raw = os.environ.get(name, default)
    try:
        config = dict(dj_database_url.parse(raw, conn_max_age=60))
    except (ValueError, KeyError) as error:
        raise ImproperlyConfiguredEnv(
            name, raw, f"expected sqlite:///path or postgres://user@host/db ({error})"
        ) from None
    engine = str(config.get("ENGINE", ""))
    if not engine.endswith(("sqlite3", "postgresql")):
        raise ImproperlyConfiguredEnv(
            name, raw, "only SQLite and PostgreSQL are supported"
        )
    return config


_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}


def env_email_backend(name: str, default: str) -> str:
    raw = os.environ.get(name, default)
    if raw in _EMAIL_BACKENDS:
        return _EMAIL_BACKENDS[raw]
    raise ImproperlyConfiguredEnv(
        name, raw, "expected one of " + ", ".join(_EMAIL_BACKENDS)
    )
