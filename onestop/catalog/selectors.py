"""Reads of the catalogue for the public pages, staff pages and exports."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from onestop.catalog.models import ItemVersion, ProcessStep, ServiceItem
from onestop.catalog.search import search_terms
from onestop.organisations.models import Organisation


def _with_parts(items: QuerySet[ServiceItem]) -> QuerySet[ServiceItem]:
    return items.select_related(
        "department", "window_type", "organisation"
    ).prefetch_related(
        "materials",
        "faqs",
        Prefetch(
            "steps", queryset=ProcessStep.objects.select_related("department", "post")
        ),
    )


def item_list_public(
    *, organisation: Organisation, query: str = ""
) -> QuerySet[ServiceItem]:
    """Published items of ``organisation``; with a query, those whose text holds every word."""
    items = ServiceItem.objects.filter(organisation=organisation, is_published=True)
    for term in search_terms(query):
        items = items.filter(search_text__contains=term)
    return items.select_related("department", "window_type").order_by(
        "category", "code"
    )


def item_get_public(*, organisation: Organisation, code: str) -> ServiceItem:
    items = _with_parts(
        ServiceItem.objects.filter(organisation=organisation, is_published=True)
    )
    return get_object_or_404(items, code=code)


def item_list_staff(
    *, organisation: Organisation, query: str = ""
) -> QuerySet[ServiceItem]:
    items = ServiceItem.objects.filter(organisation=organisation)
    if query:
        words = search_terms(query)
        items = items.filter(
            Q(code__icontains=query) | Q(*[Q(search_text__contains=w) for w in words])
        )
    return items.select_related("department", "window_type").order_by(
        "category", "code"
    )


def items_for_export(
    *, organisation: Organisation, published_only: bool
) -> QuerySet[ServiceItem]:
    items = ServiceItem.objects.filter(organisation=organisation)
    if published_only:
        items = items.filter(is_published=True)
    return _with_parts(items).order_by("code")


def item_get_staff(*, organisation: Organisation, code: str) -> ServiceItem:
    return get_object_or_404(
        _with_parts(ServiceItem.objects.filter(organisation=organisation)), code=code
    )


def item_versions(*, item: ServiceItem) -> QuerySet[ItemVersion]:
    return item.versions.select_related("created_by").order_by("-number")
