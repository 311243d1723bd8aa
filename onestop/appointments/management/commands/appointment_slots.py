"""``manage.py appointment_slots``: open booking slots for the next N working days.

Example — the tax hall's general windows, five places an hour, two weeks ahead::

    manage.py appointment_slots tax GEN --days 10 \\
        --times "09:00-10:00, 10:00-11:00, 14:00-15:00, 15:00-16:00" --capacity 5

Working days come from the organisation's calendar (public holidays, make-up
days and its own closures). Slots that already exist are kept as they are,
so the command can run every night from cron to keep the window rolling.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from onestop.appointments.services import (
    slot_times_parse,
    slots_generate,
    working_days_ahead,
)
from onestop.common.errors import ServiceError
from onestop.organisations.models import Organisation
from onestop.posts.models import WindowType


class Command(BaseCommand):
    help = "Open appointment slots for the next N working days of an organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="The organisation's web address name.")
        parser.add_argument("window_type", help="The window type's code, e.g. GEN.")
        parser.add_argument("--days", type=int, default=10, help="Working days ahead.")
        parser.add_argument(
            "--times",
            default="09:00-10:00, 10:00-11:00, 14:00-15:00, 15:00-16:00",
            help="Slots of each day, from-to, separated by commas.",
        )
        parser.add_argument("--capacity", type=int, default=5, help="Places per slot.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] < 1:
            raise CommandError("--days must be at least 1.")
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                f"No organisation is called {options['organisation']!r}."
            )
        window_type = WindowType.objects.filter(
            organisation=organisation, code=options["window_type"]
        ).first()
        if window_type is None:
            raise CommandError(
                f"{organisation.short_name} has no window type {options['window_type']!r}."
            )
        try:
            days = working_days_ahead(
                organisation=organisation,
                count=options["days"],
                after=timezone.localdate(),
            )
            created = slots_generate(
                organisation=organisation,
                window_type=window_type,
                days=days,
                times=slot_times_parse(options["times"]),
                capacity=options["capacity"],
            )
        except ServiceError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            f"{created} new slots for {window_type.name}, "
            f"{days[0]:%Y-%m-%d} to {days[-1]:%Y-%m-%d}."
        )
