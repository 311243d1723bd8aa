"""Acceptances through the service layer: one ``case_intake`` after another."""

from __future__ import annotations

import argparse
import random
from typing import Any

from onestop.intake.checks import Applicant, MaterialCheck
from onestop.intake.services import case_intake
from onestop.organisations.models import Organisation

from .applicants import person_name
from .measure import Figure, timed
from .plans import ItemPlan


def intake_body(item: ItemPlan, rng: random.Random) -> dict[str, Any]:
    """An intake accepted with every material, as the API takes it."""
    return {
        "item": item.code,
        "channel": "counter",
        "applicant": {
            "kind": "person",
            "name": person_name(rng),
            "phone": f"138{rng.randrange(10**8):08d}",
        },
        "materials": [
            {"position": p, "received": True, "form": m["form"], "count": m["copies"]}
            for p, m in enumerate(item.materials, start=1)
        ],
        "outcome": "accepted",
    }


def intake_bodies(items: list[ItemPlan], count: int, rng: random.Random) -> list[Any]:
    """``count`` intakes, going round the items."""
    return [intake_body(items[i % len(items)], rng) for i in range(count)]


def accept(organisation: Organisation, clerk: Any, body: dict[str, Any]) -> None:
    """One intake through the service, as the API view calls it."""
    case_intake(
        actor=clerk,
        organisation=organisation,
        item_code=body["item"],
        channel="counter",
        applicant=Applicant(**body["applicant"]),
        checks=[MaterialCheck(**m) for m in body["materials"]],
        outcome="accepted",
    )


def acceptances_service(
    args: argparse.Namespace,
    organisation: Organisation,
    clerk: Any,
    items: list[ItemPlan],
) -> Figure:
    rng = random.Random(args.seed + 3)
    bodies = iter(intake_bodies(items, args.acceptances + 3, rng))
    samples = timed(lambda: accept(organisation, clerk, next(bodies)), args.acceptances)
    figure = Figure("acceptances, service layer", samples)
    figure.rate = args.acceptances / (sum(samples) / 1e3)
    figure.note = f"{figure.rate:,.0f} acceptances/s (1 caller, one after another)"
    return figure
