"""``manage.py import_catalogue <org-slug> <path.xlsx>``: load a catalogue workbook."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from onestop.catalog.importing import CatalogueImportRejected, catalogue_import
from onestop.organisations.models import Organisation


class Command(BaseCommand):
    # Plain text: argparse cannot format lazy translations, and Django's own
    # commands keep their help in English too.
    help = (
        "Create or update an organisation's service items from a catalogue workbook "
        "(.xlsx). Nothing is written if any cell has a problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="The organisation's web address name.")
        parser.add_argument("path", help="The workbook to import.")

    def handle(self, *args: Any, organisation: str, path: str, **options: Any) -> None:
        found = organisation_by_slug(organisation)
        try:
            with open(path, "rb") as file:
                report = catalogue_import(actor=None, organisation=found, file=file)
        except OSError as error:
            raise CommandError(str(error)) from error
        except CatalogueImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            raise CommandError(rejected.message) from rejected
        self.stdout.write(self.style.SUCCESS(str(report)))
        for label, codes in (
            (gettext("Created"), report.created),
            (gettext("Updated"), report.updated),
        ):
            if codes:
                self.stdout.write(f"{label}: {', '.join(codes)}")


def organisation_by_slug(slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        message = gettext("No organisation has the web address name %(slug)s.")
        raise CommandError(message % {"slug": slug})
    return organisation
