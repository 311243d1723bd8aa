"""What the public types into the status lookup: right pairs, wrong digits, unknown numbers.

The numbers are cases of the measured organisation (half of them open, as
``bench.cases.subjects.case_numbers`` picks them). A right pair is the number
with the last four digits of the case's phone; wrong digits are the number
with four other digits; an unknown number is one the hall could have printed
(its code, a day of the history, an ordinal past that day's last) but did not.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from bench.cases.population import HISTORY_DAYS
from bench.cases.subjects import case_numbers
from bench.cases.timeline import SH
from onestop.cases.models import Case
from onestop.organisations.models import Organisation
from onestop.portal.status import last_four_digits

# kind → share of the lookups
MIX = (("right pair", 0.70), ("wrong digits", 0.20), ("unknown number", 0.10))


@dataclass(frozen=True)
class Lookup:
    kind: str
    number: str
    phone_last4: str

    @property
    def found(self) -> bool:
        """Whether the page should show a status."""
        return self.kind == "right pair"


def lookups_make(organisation: Organisation, count: int, seed: int) -> list[Lookup]:
    """``count`` lookups in the proportions of ``MIX``, shuffled."""
    rng = random.Random(seed + 11)
    counts = {kind: round(count * share) for kind, share in MIX}
    known = counts["right pair"] + counts["wrong digits"]
    numbers = case_numbers(organisation, known, rng)
    phones = dict(
        Case.objects.filter(number__in=numbers).values_list("number", "applicant_phone")
    )
    out = []
    for i, number in enumerate(numbers):
        digits = last_four_digits(phones[number])
        if i < counts["right pair"]:
            out.append(Lookup("right pair", number, digits))
        else:
            out.append(Lookup("wrong digits", number, _other_digits(digits, rng)))
    out += _unknown(organisation, counts["unknown number"], rng)
    rng.shuffle(out)
    return out


def _other_digits(digits: str, rng: random.Random) -> str:
    while True:
        other = f"{rng.randrange(10_000):04d}"
        if other != digits:
            return other


def _unknown(
    organisation: Organisation, count: int, rng: random.Random
) -> list[Lookup]:
    """Numbers in the hall's format that no case has."""
    today = timezone.now().astimezone(SH).date()
    candidates = {
        f"{organisation.code}{today - timedelta(days=rng.randrange(HISTORY_DAYS)):%Y%m%d}"
        f"{rng.randrange(9000, 10_000):04d}"
        for _ in range(count * 2)
    }
    taken = set(
        Case.objects.filter(number__in=candidates).values_list("number", flat=True)
    )
    free = sorted(candidates - taken)
    free = rng.sample(free, min(count, len(free)))
    return [Lookup("unknown number", n, f"{rng.randrange(10_000):04d}") for n in free]
