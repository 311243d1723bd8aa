"""``manage.py export_catalogue <org-slug> <path.xlsx>``: write the catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext

from onestop.catalog.excel import write_catalogue
from onestop.catalog.management.commands.import_catalogue import organisation_by_slug
from onestop.catalog.selectors import items_for_export


class Command(BaseCommand):
    # Plain text: argparse cannot format lazy translations, and Django's own
    # commands keep their help in English too.
    help = "Write an organisation's service catalogue to an Excel workbook (.xlsx)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="The organisation's web address name.")
        parser.add_argument("path", help="Where to write the workbook.")
        parser.add_argument(
            "--published-only",
            action="store_true",
            help="Leave out the items that are not published.",
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the headers and labels.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = organisation_by_slug(options["organisation"])
        items = list(
            items_for_export(
                organisation=organisation, published_only=options["published_only"]
            )
        )
        with translation.override(options["language"]):
            data = write_catalogue(items)
        try:
            Path(options["path"]).write_bytes(data)
        except OSError as error:
            raise CommandError(str(error)) from error
        message = gettext("Exported %(count)s items to %(path)s.")
        self.stdout.write(
            self.style.SUCCESS(message % {"count": len(items), "path": options["path"]})
        )
