"""Settings come from the environment; a bad value stops the start, naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from unittest import TestCase, mock

from config import env

ROOT = Path(__file__).resolve().parents[2]


class EnvReaderTests(TestCase):
    def test_bad_values_name_their_variable(self) -> None:
        cases = [
            ("DEBUG", "maybe", lambda: env.env_bool("DEBUG", False)),
            ("EMAIL_PORT", "twenty-five", lambda: env.env_int("EMAIL_PORT", 25)),
            (
                "TIME_ZONE",
                "Mars/Olympus",
                lambda: env.env_time_zone("TIME_ZONE", "Asia/Shanghai"),
            ),
            (
                "DATABASE_URL",
                "mysql://root@localhost/db",
                lambda: env.env_database("DATABASE_URL", ""),
            ),
            ("DATABASE_URL", "not a url", lambda: env.env_database("DATABASE_URL", "")),
            (
                "EMAIL_BACKEND",
                "pigeon",
                lambda: env.env_email_backend("EMAIL_BACKEND", "console"),
            ),
            ("ALLOWED_HOSTS", " , ", lambda: env.env_list("ALLOWED_HOSTS", [])),
        ]
        for name, value, read in cases:
            with (
                self.subTest(name=name, value=value),
                mock.patch.dict(os.environ, {name: value}),
            ):
                with self.assertRaises(env.ImproperlyConfiguredEnv) as caught:
                    read()
                self.assertIn(name, str(caught.exception))
                self.assertEqual(caught.exception.name, name)

    def test_good_values_are_read(self) -> None:
        with mock.patch.dict(
            os.environ,
            {
                "DEBUG": "yes",
                "ALLOWED_HOSTS": "a.cn, b.cn",
                "DATABASE_URL": "postgres://u@db:5432/onestop",
                "EMAIL_BACKEND": "smtp",
                "TIME_ZONE": "Asia/Urumqi",
            },
        ):
            self.assertTrue(env.env_bool("DEBUG", False))
            self.assertEqual(env.env_list("ALLOWED_HOSTS", []), ["a.cn", "b.cn"])
            self.assertEqual(env.env_database("DATABASE_URL", "")["NAME"], "onestop")
            self.assertTrue(
                env.env_email_backend("EMAIL_BACKEND", "console").endswith(
                    "smtp.EmailBackend"
                )
            )
            self.assertEqual(
                env.env_time_zone("TIME_ZONE", "Asia/Shanghai"), "Asia/Urumqi"
            )

    def test_defaults_suit_the_embedded_run(self) -> None:
        with mock.patch.dict(os.environ, {}, clear=True):
            self.assertFalse(env.env_bool("DEBUG", False))
            self.assertEqual(
                env.env_time_zone("TIME_ZONE", "Asia/Shanghai"), "Asia/Shanghai"
            )
            self.assertTrue(
                env.env_database("DATABASE_URL", "sqlite:///var/x.sqlite3")[
                    "ENGINE"
                ].endswith("sqlite3")
            )

    def test_start_fails_with_the_variable_named(self) -> None:
        environ = {
            **os.environ,
            "DEBUG": "perhaps",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        result = subprocess.run(
            [sys.executable, "manage.py", "check"],
            cwd=ROOT,
            env=environ,
            capture_output=True,
            text=True,
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DEBUG='perhaps'", result.stderr)
