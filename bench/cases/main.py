"""The entry point: options, the database, Django, then the run."""

from __future__ import annotations

import sys

from .database import database_create, database_url, django_start
from .options import ROOT, arguments
from .report import header_print


def main() -> int:
    sys.path.insert(0, str(ROOT))  # onestop and config
    args = arguments()
    url = database_url(args)
    header_print(args, url)
    if not args.reuse:
        database_create(args)
    django_start(url)
    from .run import run  # imports the project's models: only once Django is set up

    return run(args)
