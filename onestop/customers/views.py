"""The customer pages: the register, one customer's history, duplicates, segments."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.common.masking import mask_phone
from onestop.customers import selectors, services
from onestop.customers.forms import (
    CallerForm,
    ConditionFormSet,
    CustomerForm,
    MergeForm,
    PolicyForm,
    SegmentForm,
    conditions_initial,
    rule_from,
)
from onestop.customers.models import Segment
from onestop.customers.policies import policy_for_customer, routing_of
from onestop.customers.roles import EDIT, MERGE, SEGMENTS, UNMASKED, VIEW
from onestop.customers.rules import Rule
from onestop.organisations.access import can, staff_view
from onestop.portal.views import errors_onto

SEGMENT_VIEW, SEGMENT_ADD, SEGMENT_CHANGE, POLICY_CHANGE = SEGMENTS


@staff_view(VIEW)
def customer_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    customers = selectors.customer_list(
        organisation=request.organisation,  # type: ignore[attr-defined]
        query=query,
    )
    return render(
        request,
        "customers/list.html",
        {
            "customers": customers[:200],
            "query": query,
            "may_edit": can(request, EDIT[0]),
            "may_merge": can(request, MERGE),
            "may_segment": can(request, SEGMENT_VIEW),
        },
    )


@staff_view(EDIT[0])
def customer_new(request: HttpRequest) -> HttpResponse:
    form = CustomerForm(request.POST or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            customer = services.customer_create(
                actor=request.user,
                organisation=request.organisation,  # type: ignore[attr-defined]
                fields=form.customer_fields(),
                attributes=form.cleaned_data["attributes"],
                contacts=form.cleaned_data["contacts"],
            )
        except (ServiceError, ServiceErrors) as error:
            problems = errors_onto(form, error)
        else:
            messages.success(request, _("Customer recorded."))
            return redirect("staff:customer", pk=customer.pk)
    return render(
        request,
        "customers/edit.html",
        {"form": form, "problems": problems, "customer": None},
    )


@staff_view(EDIT[1])
def customer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    customer = selectors.customer_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    initial = {
        "kind": customer.kind,
        "name": customer.name,
        "note": customer.note,
        "attributes": "\n".join(
            f"{a.key}={a.display}" for a in customer.attributes.all()
        ),
    }
    form = CustomerForm(request.POST or None, initial=initial)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        fields = form.customer_fields()
        # Numbers are shown masked, so an empty box keeps the recorded one.
        for name in ("id_number", "phone"):
            fields[name] = fields[name] or getattr(customer, name)
        try:
            services.customer_update(
                actor=request.user,
                customer=customer,
                fields=fields,
                attributes=_with_removed(customer, form.cleaned_data["attributes"]),
            )
        except (ServiceError, ServiceErrors) as error:
            problems = errors_onto(form, error)
        else:
            messages.success(request, _("Customer saved."))
            return redirect("staff:customer", pk=customer.pk)
    return render(
        request,
        "customers/edit.html",
        {"form": form, "problems": problems, "customer": customer},
    )


def _with_removed(customer: Any, attributes: dict[str, str]) -> dict[str, str]:
    # An attribute deleted from the box is removed, as an empty value would.
    removed = {a.key: "" for a in customer.attributes.all() if a.key not in attributes}
    return {**removed, **attributes}


@staff_view(VIEW)
def customer_page(request: HttpRequest, pk: int) -> HttpResponse:
    customer = selectors.customer_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    unmasked = request.GET.get("unmasked") == "1"
    if unmasked:
        if not can(request, UNMASKED):
            raise PermissionDenied(_("Your roles here do not allow this."))
        services.customer_unmasked_view(actor=request.user, customer=customer)
    return render(
        request,
        "customers/customer.html",
        {
            "customer": customer,
            "history": selectors.customer_history(customer=customer),
            "policy": policy_for_customer(customer) if customer.is_active else None,
            "unmasked": unmasked,
            "may_unmask": can(request, UNMASKED),
            "may_edit": can(request, EDIT[1]),
        },
    )


@staff_view(VIEW)
def screen_pop(request: HttpRequest) -> HttpResponse:
    """What a hotline agent sees as a call comes in: who, their policy, their history.

    The number comes by POST (typed, or posted by the softphone) so that it
    stays out of addresses and access logs; it is shown back masked only.
    """
    organisation = request.organisation  # type: ignore[attr-defined]
    form = CallerForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"form": form, "looked_up": False}
    if form.is_valid():
        caller = form.cleaned_data["caller"]
        customer = selectors.customer_for_caller(
            organisation=organisation, caller=caller
        )
        policy = policy_for_customer(customer)
        context.update(
            looked_up=True,
            masked_caller=mask_phone(caller),
            customer=customer,
            policy=policy,
            routing=routing_of(policy),
            counts=selectors.link_counts(customer=customer) if customer else None,
        )
    return render(request, "customers/screen_pop.html", context)


@require_POST
@staff_view(EDIT[1])
def customers_link(request: HttpRequest) -> HttpResponse:
    linked = services.customers_link_all(
        actor=request.user,
        organisation=request.organisation,  # type: ignore[attr-defined]
    )
    messages.success(
        request,
        _("%(count)s new cases, calls, orders and contracts linked.")
        % {"count": linked},
    )
    return redirect("staff:customers")


@staff_view(MERGE)
def customer_duplicates(request: HttpRequest) -> HttpResponse:
    groups = selectors.duplicate_groups(organisation=request.organisation)  # type: ignore[attr-defined]
    return render(request, "customers/duplicates.html", {"groups": groups})


@require_POST
@staff_view(MERGE)
def customer_merge(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    keep = selectors.customer_get(organisation=organisation, pk=pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the duplicate to merge in."))
        return redirect("staff:customer_duplicates")
    merge = selectors.customer_get(
        organisation=organisation, pk=form.cleaned_data["merge"]
    )
    try:
        services.customer_merge(actor=request.user, keep=keep, merge=merge)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("staff:customer_duplicates")
    messages.success(
        request,
        _("“%(merged)s” merged into “%(kept)s”.") % {"merged": merge, "kept": keep},
    )
    return redirect("staff:customer", pk=keep.pk)


@staff_view(SEGMENT_VIEW)
def segment_list(request: HttpRequest) -> HttpResponse:
    segments = selectors.segment_list(organisation=request.organisation)  # type: ignore[attr-defined]
    return render(
        request,
        "customers/segments.html",
        {"segments": segments, "may_add": can(request, SEGMENT_ADD)},
    )


@staff_view(SEGMENT_ADD)
def segment_new(request: HttpRequest) -> HttpResponse:
    return _segment_edit(request, None)


@staff_view(SEGMENT_CHANGE)
def segment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    segment = selectors.segment_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    return _segment_edit(request, segment)


def _segment_edit(request: HttpRequest, segment: Segment | None) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    rule = Rule.of(segment.rule) if segment else Rule(match="all", conditions=())
    form = SegmentForm(
        request.POST or None,
        initial={"name": segment.name if segment else "", "match": rule.match},
    )
    conditions = ConditionFormSet(
        request.POST or None, initial=conditions_initial(rule), prefix="c"
    )
    context: dict[str, Any] = {"segment": segment, "problems": [], "preview": None}
    if request.method == "POST" and form.is_valid() and conditions.is_valid():
        rule = rule_from(form, conditions)
        try:
            if "preview" in request.POST:
                context["preview"] = len(
                    services.rule_selection(organisation=organisation, rule=rule)
                )
            else:
                saved = services.segment_save(
                    actor=request.user,
                    organisation=organisation,
                    name=form.cleaned_data["name"],
                    rule=rule,
                    segment=segment,
                )
                messages.success(request, _("Segment saved."))
                return redirect("staff:segment", pk=saved.pk)
        except (ServiceError, ServiceErrors) as error:
            context["problems"] = errors_onto(form, error)
    context.update(
        form=form,
        conditions=conditions,
        keys=selectors.attribute_keys(organisation=organisation),
    )
    return render(request, "customers/segment_edit.html", context)


@staff_view(SEGMENT_VIEW)
def segment_page(request: HttpRequest, pk: int) -> HttpResponse:
    segment = selectors.segment_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    return render(
        request,
        "customers/segment.html",
        {
            "segment": segment,
            "rule": Rule.of(segment.rule),
            "policy": selectors.policy_of(segment),
            "may_change": can(request, SEGMENT_CHANGE),
            "may_policy": can(request, POLICY_CHANGE),
        },
    )


@require_POST
@staff_view(SEGMENT_CHANGE)
def segment_recompute(request: HttpRequest, pk: int) -> HttpResponse:
    segment = selectors.segment_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    size = services.segment_recompute(segment=segment)
    messages.success(request, _("Members recomputed: %(size)s.") % {"size": size})
    return redirect("staff:segment", pk=segment.pk)


@staff_view(POLICY_CHANGE)
def segment_policy(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    segment = selectors.segment_get(organisation=organisation, pk=pk)
    policy = selectors.policy_of(segment)
    initial = (
        {
            "priority": policy.priority,
            "routing_tier": policy.routing_tier,
            "time_limit_days": policy.time_limit_days,
            "preferred_channel": policy.preferred_channel,
            "account_manager": policy.account_manager_id,
        }
        if policy
        else {}
    )
    members = (
        get_user_model()
        .objects.filter(memberships__organisation=organisation)
        .order_by("username")
    )
    form = PolicyForm(request.POST or None, initial=initial, members=members)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.policy_save(
                actor=request.user, segment=segment, fields=form.cleaned_data
            )
        except ServiceError as error:
            problems = errors_onto(form, error)
        else:
            messages.success(request, _("Service policy saved."))
            return redirect("staff:segment", pk=segment.pk)
    return render(
        request,
        "customers/policy_edit.html",
        {"segment": segment, "form": form, "problems": problems},
    )
