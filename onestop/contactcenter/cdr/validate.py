"""Checking a layout's spec, and the columns a file must have for it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.utils.translation import gettext

from onestop.contactcenter.cdr.rules import RULES, listed
from onestop.contactcenter.cdr.spec import (
    FIELD,
    FIELDS,
    SKIP,
    Entry,
    Layout,
    condition_of,
    entry_of,
)


def spec_problems(spec: Any) -> list[str]:
    """What is wrong with ``spec``, in words; empty when it can be used."""
    if not isinstance(spec, Mapping):
        return [gettext("The mapping must be a JSON object.")]
    problems = [
        gettext("“%(key)s” is not a call field; the fields are: %(fields)s.")
        % {"key": key, "fields": ", ".join(f.key for f in FIELDS)}
        for key in spec
        if key not in FIELD and key != SKIP
    ]
    problems += [
        gettext("The field “%(key)s” must be mapped.") % {"key": f.key}
        for f in FIELDS
        if f.required and f.key not in spec
    ]
    for key, value in spec.items():
        if key in FIELD:
            problems += [f"{key}: {p}" for p in _entry_problems(key, value)]
    problems += [f"{SKIP}: {p}" for p in _skip_problems(spec.get(SKIP, []))]
    return problems


def _entry_problems(key: str, value: Any) -> Iterator[str]:
    try:
        entry = entry_of(FIELD[key], value)
    except ValueError as error:
        yield str(error)
        return
    for one in entry.alternatives or (entry,):
        yield from _rule_problems(key, one)


def _rule_problems(key: str, entry: Entry) -> Iterator[str]:
    if entry.rule is None:
        return
    rule = RULES.get(entry.rule)
    if rule is None:
        yield gettext("there is no rule “%(rule)s”; the rules are: %(rules)s.") % {
            "rule": entry.rule,
            "rules": ", ".join(RULES),
        }
    elif FIELD[key].kind not in rule.fills:
        yield gettext("the rule “%(rule)s” cannot give this field.") % {
            "rule": entry.rule
        }
    else:
        for name in rule.required:
            if name not in entry.options:
                yield gettext("the rule needs the parameter “%(name)s”.") % {
                    "name": name
                }


def _skip_problems(conditions: Any) -> Iterator[str]:
    if not isinstance(conditions, list):
        yield gettext("a list of conditions is expected.")
        return
    for condition in conditions:
        try:
            condition_of(condition)
        except ValueError as error:
            yield str(error)


def columns_read(layout: Layout) -> tuple[list[str], list[str]]:
    """The headers ``layout`` reads: those the file must have, and optional ones."""
    required: list[str] = []
    optional: list[str] = []
    for entry in layout.entries():
        (optional if entry.optional else required).extend(_entry_columns(entry))
    required += [c.column for c in layout.skip_conditions()]
    required = list(dict.fromkeys(required))
    return required, [c for c in dict.fromkeys(optional) if c not in required]


def _entry_columns(entry: Entry) -> list[str]:
    if entry.alternatives:
        return [c for one in entry.alternatives for c in _entry_columns(one)]
    columns = [entry.when.column] if entry.when else []
    if entry.column is not None:
        columns.append(entry.column)
    elif entry.rule is not None:
        for name in RULES[entry.rule].column_params:
            columns += listed(entry.options.get(name, ()))
    return columns


def column_of(layout: Layout, key: str) -> str:
    """The header a problem with field ``key`` points at; empty when derived."""
    entry = next((e for e in layout.entries() if e.field.key == key), None)
    if entry is None:
        return ""
    if entry.alternatives:
        entry = entry.alternatives[0]
    if entry.rule is None:
        return entry.column or ""
    params = RULES[entry.rule].column_params
    columns = [c for name in params for c in listed(entry.options.get(name, ()))]
    return columns[0] if columns else ""
