"""``manage.py sweep``: run the periodic checks once, or every N seconds (cron-able).

``make run`` starts it with ``--every 60`` beside the web server, so the
embedded run sends warnings and reminders without a broker.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from onestop.common.sweeps import sweeps_run


class Command(BaseCommand):
    help = "Run the periodic checks: case warnings, overdue rectifications, reminders."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=int, default=0, help="Repeat every N seconds."
        )

    def handle(self, *args: Any, every: int, **options: Any) -> None:
        while True:
            for name, report in sweeps_run():
                if options["verbosity"] > 1 or report:
                    self.stdout.write(f"{name}: {report}")
            if every <= 0:
                return
            time.sleep(every)
