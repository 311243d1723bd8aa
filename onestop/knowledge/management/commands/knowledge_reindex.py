"""``manage.py knowledge_reindex <org-slug>``: index every approved article version again."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestop.knowledge.search.rebuild import index_rebuild
from onestop.organisations.models import Organisation

BAR_WIDTH = 30


class Command(BaseCommand):
    # Plain text: argparse cannot format lazy translations.
    help = (
        "Rebuild the knowledge base's search index of an organisation from its "
        "approved article versions (after a change to the word list or dictionary)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="The organisation's web address name.")

    def handle(self, *args: Any, organisation: str, **options: Any) -> None:
        found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            raise CommandError(f"No organisation is called {organisation!r}.")
        started = time.monotonic()
        count = index_rebuild(organisation_id=found.pk, progress=self._progress)
        self.stdout.write(
            f"\n{count} versions indexed in {time.monotonic() - started:.1f} s."
        )

    def _progress(self, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stdout.write(f"\r[{bar}] {done:,}/{total:,}", ending="")
        self.stdout.flush()
