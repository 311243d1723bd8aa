"""``manage.py load_demo``: load the two demo organisations and print their logins."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from onestop.demo.loading import ORGANISATIONS, DemoSummary, demo_load
from onestop.demo.people import DEMO_LOGINS, DEMO_PASSWORD
from onestop.organisations.roles import Role


class Command(BaseCommand):
    help = "Load the demo university logistics centre and tax hall (safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--quiet", action="store_true", help="Do not print the table of logins."
        )

    def handle(self, *args: Any, quiet: bool = False, **options: Any) -> None:
        summary = demo_load()
        if not quiet:
            self.stdout.write(_table(_login_rows()))
        self.stdout.write(self.style.SUCCESS(_summary_line(summary)))


def _login_rows() -> list[tuple[str, ...]]:
    names = {spec.slug: spec.short_name for spec in ORGANISATIONS}
    rows: list[tuple[str, ...]] = [
        (_("Username"), _("Password"), _("Organisation"), _("Roles"))
    ]
    for username, roles, slug in DEMO_LOGINS:
        organisation = names[slug] if slug else _("Whole platform")
        role_names = "、".join(str(Role(role).label) for role in roles)
        rows.append(
            (username, DEMO_PASSWORD, organisation, role_names or _("Superuser"))
        )
    return rows


def _summary_line(summary: DemoSummary) -> str:
    return _(
        "Demo loaded: %(organisations)d organisations, %(departments)d departments, "
        "%(windows)d windows, %(posts)d posts, %(items)d items with %(materials)d "
        "materials, %(people)d people, %(memberships)d memberships, "
        "%(duty_log_entries)d duty-log entries, %(handovers)d hand-overs, "
        "%(cases)d cases, %(queue_categories)d queue categories, "
        "%(slots)d appointment slots from today with %(appointments)d bookings, "
        "%(ratings)d ratings with %(rectifications)d rectifications, "
        "%(applications_waiting)d online applications waiting, "
        "%(tickets_today)d numbers taken today."
    ) % asdict(summary)


def _width(text: str) -> int:
    # Chinese characters take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]

    def line(row: tuple[str, ...]) -> str:
        return "  ".join(
            cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True)
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(rows[0]), rule, *(line(row) for row in rows[1:])])
