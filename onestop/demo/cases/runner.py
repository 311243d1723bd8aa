"""Playing the case scripts through the services, in the order things happened.

Every case is opened with ``case_intake`` and moved on with
``case_supplement`` and ``case_act``, as the window and the back offices
would: the receipts, documents, events, clocks and notifications are the
services' own. The scripts of one organisation are interleaved by time, so
receipt numbers follow the day's order of arrival.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from onestop.cases.models import Case
from onestop.circulation.services import case_act
from onestop.common.errors import ServiceError, ServiceErrors
from onestop.demo.specs import ItemSpec, MaterialSpec
from onestop.intake.checks import MaterialCheck
from onestop.intake.services import case_intake, case_supplement
from onestop.organisations.models import Organisation

from .specs import SUPPLEMENT, Act, CaseSpec

Agenda = Iterator[tuple[datetime, int, Act | None]]


def cases_play(
    *,
    organisation: Organisation,
    items: Mapping[str, ItemSpec],
    scripts: Sequence[CaseSpec],
    users: Mapping[str, Any],
) -> int:
    """Open and move on the scripted cases; the number opened, or 0 if it already had cases."""
    if Case.objects.filter(organisation=organisation).exists():
        return 0
    opened: dict[int, Case] = {}
    for _when, index, step in agenda(scripts):
        spec = scripts[index]
        try:
            opened[index] = (
                _intake(organisation, spec, items[spec.item], users)
                if step is None
                else _step(opened[index], step, items[spec.item], users)
            )
        except (ServiceError, ServiceErrors) as error:
            what = step.action if step else "intake"
            raise ValueError(
                f"Demo case {spec.item} of {spec.applicant.name}: {what} refused: {error}"
            ) from error
    for index, spec in enumerate(scripts):
        if opened[index].status != spec.expect:
            raise ValueError(
                f"Demo case {spec.item} of {spec.applicant.name} ends "
                f"{opened[index].status}, not {spec.expect}"
            )
    return len(opened)


def agenda(scripts: Sequence[CaseSpec]) -> Agenda:
    """Every intake and action of the scripts, earliest first (a tie keeps script order)."""
    entries: list[tuple[datetime, int, Act | None]] = []
    for index, spec in enumerate(scripts):
        times = [spec.received, *(step.when for step in spec.then)]
        if times != sorted(times) or len(set(times)) != len(times):
            raise ValueError(
                f"Demo case {spec.item} of {spec.applicant.name}: actions out of order"
            )
        entries.append((spec.received, index, None))
        entries.extend((step.when, index, step) for step in spec.then)
    return iter(sorted(entries, key=lambda entry: entry[0]))


def intake_checks(
    materials: Sequence[MaterialSpec],
    *,
    missing: Sequence[int] = (),
    defects: Mapping[int, str] | None = None,
    applies: Sequence[int] = (),
) -> list[MaterialCheck]:
    """The clerk's findings: everything brought in full unless missing or faulty.

    A conditional material counts as applying when it is listed in
    ``applies``, ``missing`` or ``defects``.
    """
    defects = defects or {}
    checks = []
    for position, material in enumerate(materials, start=1):
        named = position in applies or position in missing or position in defects
        if material.condition and not named:
            checks.append(MaterialCheck(position, received=False, applies=False))
        elif position in missing:
            checks.append(MaterialCheck(position, received=False))
        else:
            checks.append(_brought(position, material, defects.get(position, "")))
    return checks


def _brought(position: int, material: MaterialSpec, defect: str = "") -> MaterialCheck:
    return MaterialCheck(
        position,
        received=True,
        form=material.form,
        count=material.copies,
        defective=bool(defect),
        defect_reason=defect,
    )


def _intake(
    organisation: Organisation,
    spec: CaseSpec,
    item: ItemSpec,
    users: Mapping[str, Any],
) -> Case:
    return case_intake(
        actor=users[spec.by],
        organisation=organisation,
        item_code=spec.item,
        channel=spec.channel,
        applicant=spec.applicant,
        checks=intake_checks(
            item.materials,
            missing=spec.missing,
            defects=spec.defects,
            applies=spec.applies,
        ),
        outcome=spec.outcome,
        decision=spec.decision,
        pickup_way=spec.pickup_way,
        pickup_note=spec.pickup_note,
        now=spec.received,
    )


def _step(case: Case, step: Act, item: ItemSpec, users: Mapping[str, Any]) -> Case:
    if step.action != SUPPLEMENT:
        return case_act(
            actor=users[step.by],
            case=case,
            action=step.action,
            expected_version=case.lock_version,
            now=step.when,
            **step.params,
        )
    params = dict(step.params)
    defects: Mapping[int, str] = params.pop("defects", {})
    checks = [
        _brought(p, item.materials[p - 1], defects.get(p, ""))
        for p in sorted({*params.pop("brings", ()), *defects})
    ]
    return case_supplement(
        actor=users[step.by],
        case=case,
        expected_version=case.lock_version,
        checks=checks,
        now=step.when,
        **params,
    )
