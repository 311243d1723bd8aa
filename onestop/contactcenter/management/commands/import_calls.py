"""``manage.py import_calls <org-slug> <path> --layout <name>``: load a call detail file."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from onestop.contactcenter.errors import CallImportError
from onestop.contactcenter.importing import (
    CallsAlreadyImported,
    CallsImportRejected,
    ImportReport,
    calls_import,
)
from onestop.contactcenter.layouts import STANDARD_KEY, layout_named, layouts_for
from onestop.organisations.models import Organisation

BAR_WIDTH = 30
# The first problems are enough to start fixing; the count says how many more.
SHOWN_PROBLEMS = 50


class Command(BaseCommand):
    # Plain text: argparse cannot format lazy translations, and Django's own
    # commands keep their help in English too.
    help = (
        "Import a file of call detail records for an organisation, read through a "
        "layout. Nothing is written if any row has a problem, or if the same file "
        "was imported before."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="The organisation's web address name.")
        parser.add_argument("path", help="The call detail file.")
        parser.add_argument(
            "--layout",
            default=STANDARD_KEY,
            help="The layout's key or name (standard, technion, or one of the "
            "organisation's own). Default: standard.",
        )

    def handle(self, *args: Any, organisation: str, path: str, **options: Any) -> None:
        found = _organisation(organisation)
        layout = layout_named(found, options["layout"])
        if layout is None:
            names = ", ".join(f"{one.key} ({one.name})" for one in layouts_for(found))
            message = CallImportError.UNKNOWN_LAYOUT.render(
                name=options["layout"], names=names
            )
            raise CommandError(message)
        started = time.monotonic()
        try:
            data = Path(path).read_bytes()
            report = calls_import(
                actor=None,
                organisation=found,
                file=data,
                file_name=Path(path).name,
                mapping=layout,
                progress=self._progress,
            )
        except OSError as error:
            raise CommandError(str(error)) from error
        except CallsAlreadyImported as refused:
            raise CommandError(refused.message) from refused
        except CallsImportRejected as rejected:
            self._problems(rejected)
            raise CommandError(rejected.message) from rejected
        self._report(report, time.monotonic() - started)

    def _progress(self, stage: str, done: int, total: int) -> None:
        """One line redrawn in place: ``Reading [#####-----]  52% 17,000/33,344``."""
        filled = BAR_WIDTH * done // max(total, 1)
        label = gettext("Reading") if stage == "read" else gettext("Writing")
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        percent = 100 * done // max(total, 1)
        end = "\n" if done >= total else ""
        self.stderr.write(
            f"\r{label:8} [{bar}] {percent:3d}% {done:,}/{total:,}", ending=end
        )
        self.stderr.flush()

    def _problems(self, rejected: CallsImportRejected) -> None:
        for problem in rejected.problems[:SHOWN_PROBLEMS]:
            self.stderr.write(str(problem))
        hidden = len(rejected.problems) - SHOWN_PROBLEMS
        if hidden > 0:
            self.stderr.write(gettext("… and %(count)s more.") % {"count": hidden})

    def _report(self, report: ImportReport, seconds: float) -> None:
        self.stdout.write(self.style.SUCCESS(str(report)))
        lines = [
            (gettext("Left out"), _counts(report.skipped)),
            (gettext("Queues created"), ", ".join(report.queues_created)),
            (gettext("Agents linked to members"), ", ".join(report.agents_linked)),
            (gettext("Agents kept by name only"), str(len(report.agents_unlinked))),
            (gettext("Calls linked to cases"), str(report.cases_linked)),
            (gettext("Time taken"), f"{seconds:.1f} s"),
        ]
        for label, value in lines:
            if value:
                self.stdout.write(f"{label}: {value}")
        for warning in report.warnings[:SHOWN_PROBLEMS]:
            self.stdout.write(self.style.WARNING(str(warning)))


def _counts(skipped: dict[str, int]) -> str:
    return "; ".join(f"{reason}: {count:,}" for reason, count in skipped.items())


def _organisation(slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        message = gettext("No organisation has the web address name %(slug)s.")
        raise CommandError(message % {"slug": slug})
    return organisation
