"""The factor tree of a scheme: adding a factor under a source or group, removing one.

A factor's key is unique in its scheme, a parent must be a group of the same
source, and a leaf's binding to its figure is checked at its source.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.quality import sources
from onestop.quality.errors import QualityError
from onestop.quality.models import Factor, Scheme, Source
from onestop.quality.services.schemes import _writable

KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")


def factor_add(
    *,
    actor: Any,
    scheme: Scheme,
    source: str,
    key: str,
    name: str,
    binding_kind: str,
    binding_ref: str = "",
    parent_key: str = "",
    weight: float = 0.0,
) -> tuple[Scheme, Factor]:
    """Add a factor under a source or a group; a leaf's binding is checked at its source."""
    if source not in Source.values:
        raise ServiceError(QualityError.FACTOR_UNKNOWN, field="source", key=source)
    key = (key or "").strip()
    if not KEY_RE.fullmatch(key) or len(key) > 40:
        raise ServiceError(QualityError.KEY_INVALID, field="key")
    if not (name or "").strip():
        raise ServiceError(QualityError.FACTOR_NAME_MISSING, field="name")
    ref = sources.check_binding(
        organisation=scheme.organisation, kind=binding_kind, ref=binding_ref
    )
    with transaction.atomic():
        scheme = _writable(scheme, actor)
        if scheme.factors.filter(key=key).exists():
            raise ServiceError(QualityError.KEY_TAKEN, field="key", key=key)
        parent = None
        if parent_key:
            parent = _factor(scheme, parent_key, field="parent_key")
            if not parent.is_group:
                raise ServiceError(
                    QualityError.PARENT_NOT_GROUP, field="parent_key", name=parent.name
                )
            if parent.source != source:
                raise ServiceError(QualityError.PARENT_OTHER_SOURCE, field="parent_key")
        siblings = scheme.factors.filter(source=source, parent=parent)
        factor = Factor.objects.create(
            scheme=scheme,
            source=source,
            parent=parent,
            key=key,
            name=name.strip(),
            weight=float(weight),
            position=siblings.count() + 1,
            binding_kind=binding_kind,
            binding_ref=ref,
        )
        audit_record(
            verb="quality.factor_add",
            actor=actor,
            organisation=scheme.organisation,
            target=scheme,
            data={"key": key, "kind": binding_kind, "ref": ref},
        )
    return scheme, factor


def _factor(scheme: Scheme, key: str, *, field: str = "key") -> Factor:
    try:
        return scheme.factors.get(key=key)
    except Factor.DoesNotExist:
        raise ServiceError(QualityError.FACTOR_UNKNOWN, field=field, key=key) from None


def factor_remove(*, actor: Any, scheme: Scheme, key: str) -> Scheme:
    with transaction.atomic():
        scheme = _writable(scheme, actor)
        factor = _factor(scheme, key)
        if factor.children.exists():
            raise ServiceError(QualityError.HAS_CHILDREN, field="key", name=factor.name)
        factor.delete()
        audit_record(
            verb="quality.factor_remove",
            actor=actor,
            organisation=scheme.organisation,
            target=scheme,
            data={"key": key},
        )
    return scheme
