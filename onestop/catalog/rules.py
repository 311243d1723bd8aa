"""The rules a catalogue item must keep, shared by the admin and the Excel import."""

from __future__ import annotations

from collections.abc import Iterable

from onestop.catalog.errors import CatalogError
from onestop.catalog.models import ItemKind, Necessity
from onestop.common.errors import ServiceError
from onestop.posts.models import Department, Post


def time_limit_problems(
    *,
    kind: str,
    statutory: int | None,
    promised: int | None,
    step_days: Iterable[int] = (),
) -> list[ServiceError]:
    """Every broken time-limit rule, each naming the field it concerns."""
    problems: list[ServiceError] = []
    for field, days in (
        ("statutory_limit_days", statutory),
        ("promised_limit_days", promised),
    ):
        if days is not None and days < 1:
            problems.append(ServiceError(CatalogError.LIMIT_NOT_POSITIVE, field=field))
    if kind == ItemKind.IMMEDIATE:
        if promised:
            problems.append(
                ServiceError(
                    CatalogError.IMMEDIATE_WITH_LIMIT, field="promised_limit_days"
                )
            )
        return problems
    if promised is None:
        problems.append(
            ServiceError(
                CatalogError.PROMISED_LIMIT_MISSING, field="promised_limit_days"
            )
        )
        return problems
    if statutory is not None and promised > statutory:
        problems.append(
            ServiceError(
                CatalogError.PROMISE_EXCEEDS_LAW,
                field="promised_limit_days",
                promised=promised,
                statutory=statutory,
            )
        )
    total = sum(step_days)
    if total > promised:
        problems.append(
            ServiceError(
                CatalogError.STEPS_EXCEED_PROMISE,
                field="steps",
                steps=total,
                promised=promised,
            )
        )
    return problems


def material_problems(*, necessity: str, condition: str) -> list[ServiceError]:
    """A material required only when a condition applies must name that condition."""
    if necessity == Necessity.CONDITIONAL and not condition:
        return [ServiceError(CatalogError.CONDITION_MISSING, field="condition")]
    return []


def step_problems(
    *, department: Department | None, post: Post | None
) -> list[ServiceError]:
    """A step's post, when it has one, works in the step's department."""
    if department is None or post is None or post.department_id == department.pk:
        return []
    return [
        ServiceError(
            CatalogError.POST_OUTSIDE_DEPARTMENT,
            field="post",
            post=post,
            department=department,
        )
    ]
