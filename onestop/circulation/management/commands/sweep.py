"""``manage.py sweep``: warn about cases near or past their limit (cron-able).

With ``--every N`` it keeps sweeping every N seconds; ``make run`` starts it
that way beside the web server, so the embedded run warns without a broker.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from onestop.circulation.sweep import cases_sweep


class Command(BaseCommand):
    help = "Send the yellow and red warnings of cases that reached them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=int, default=0, help="Repeat every N seconds."
        )

    def handle(self, *args: Any, every: int, **options: Any) -> None:
        while True:
            report = cases_sweep()
            if report.yellow or report.red or options["verbosity"] > 1:
                self.stdout.write(f"sweep: {report.yellow} yellow, {report.red} red")
            if every <= 0:
                return
            time.sleep(every)
