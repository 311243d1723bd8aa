"""Service-contract pages: contracts and their entitlements, requests, quotes, bills,
the rate card and the monthly figures; and the customer's page behind a token.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from onestop.common.errors import ServiceError
from onestop.organisations.access import can, staff_view
from onestop.organisations.selectors import organisation_get_public
from onestop.servicecontracts import selectors, services
from onestop.servicecontracts.charts import month_columns
from onestop.servicecontracts.documents import document_pdf, shown_lines
from onestop.servicecontracts.excel import write_month_figures
from onestop.servicecontracts.forms import (
    ApproveForm,
    ContractForm,
    QuoteForm,
    RateCardForm,
    RequestForm,
)
from onestop.servicecontracts.models import Bill, Quote, ServiceContract

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _refused(form: forms.BaseForm, error: ServiceError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


# --- Contracts -------------------------------------------------------------------


@staff_view("servicecontracts.view_servicecontract")
def contracts(request: HttpRequest) -> HttpResponse:
    rows = selectors.contract_list(organisation=request.organisation)  # type: ignore[attr-defined]
    return render(request, "servicecontracts/contracts.html", {"rows": rows})


@staff_view("servicecontracts.add_servicecontract")
def contract_create(request: HttpRequest) -> HttpResponse:
    form = ContractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data["leave_out"] = tuple(data["leave_out"])
        try:
            contract = services.contract_create(
                actor=request.user,
                organisation=request.organisation,  # type: ignore[attr-defined]
                **data,
            )
        except ServiceError as error:
            _refused(form, error)
        else:
            return redirect("staff:servicecontract", pk=contract.pk)
    return render(request, "servicecontracts/contract_form.html", {"form": form})


@staff_view("servicecontracts.view_servicecontract")
def contract_page(request: HttpRequest, pk: int) -> HttpResponse:
    contract = selectors.contract_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    return _contract_page(request, contract, RequestForm(), QuoteForm())


def _contract_page(
    request: HttpRequest,
    contract: ServiceContract,
    request_form: RequestForm,
    quote_form: QuoteForm,
    status: int = 200,
) -> HttpResponse:
    context = {
        "contract": contract,
        "uses": selectors.entitlement_uses(contract),
        "requests": selectors.contract_requests(contract),
        "quotes": selectors.contract_quotes(contract),
        "request_form": request_form,
        "quote_form": quote_form,
        "public_path": _public_path(contract),
    }
    return render(request, "servicecontracts/contract.html", context, status=status)


def _public_path(contract: ServiceContract) -> str:
    return reverse(
        "contract_entitlements",
        kwargs={"org_slug": contract.organisation.slug, "token": contract.token},
    )


@require_POST
@staff_view("servicecontracts.add_servicerequest")
def request_add(request: HttpRequest, pk: int) -> HttpResponse:
    contract = selectors.contract_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    form = RequestForm(request.POST)
    if form.is_valid():
        try:
            recorded = services.request_record(
                actor=request.user, contract=contract, **form.cleaned_data
            )
        except ServiceError as error:
            _refused(form, error)
        else:
            _announce(request, recorded)
            return redirect("staff:servicecontract", pk=contract.pk)
    return _contract_page(request, contract, form, QuoteForm(), status=400)


def _announce(request: HttpRequest, recorded: Any) -> None:
    if recorded.bill is not None:
        messages.warning(
            request,
            gettext("Not covered by the contract: bill %(number)s was drafted.")
            % {"number": recorded.bill.number},
        )
    else:
        messages.success(request, gettext("Recorded against the contract."))


# --- Quotes --------------------------------------------------------------------


@require_POST
@staff_view("servicecontracts.add_quote")
def quote_create(request: HttpRequest, pk: int) -> HttpResponse:
    contract = selectors.contract_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    form = QuoteForm(request.POST)
    if form.is_valid():
        try:
            quote = services.quote_create(
                actor=request.user, contract=contract, **form.cleaned_data
            )
        except ServiceError as error:
            _refused(form, error)
        else:
            return redirect("staff:servicequote", pk=quote.pk)
    return _contract_page(request, contract, RequestForm(), form, status=400)


@staff_view("servicecontracts.view_servicecontract")
def quote_page(request: HttpRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    return _quote_page(request, quote, ApproveForm(initial={"approved_on": _today()}))


def _quote_page(
    request: HttpRequest, quote: Quote, form: ApproveForm, status: int = 200
) -> HttpResponse:
    context = {"quote": quote, "lines": shown_lines(quote.lines), "form": form}
    return render(request, "servicecontracts/quote.html", context, status=status)


@require_POST
@staff_view("servicecontracts.change_quote")
def quote_approve(request: HttpRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            services.quote_approve(actor=request.user, quote=quote, **form.cleaned_data)
        except ServiceError as error:
            _refused(form, error)
        else:
            return redirect("staff:servicequote", pk=quote.pk)
    return _quote_page(request, quote, form, status=400)


@require_POST
@staff_view("servicecontracts.change_quote")
def quote_bill(request: HttpRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    try:
        bill = services.quote_bill(actor=request.user, quote=quote, billed_on=_today())
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("staff:servicequote", pk=quote.pk)
    return redirect("staff:servicebill", pk=bill.pk)


@staff_view("servicecontracts.view_servicecontract")
def quote_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    quote = selectors.quote_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    facts = [
        (gettext("Organisation"), quote.organisation.name),
        (gettext("Customer"), quote.contract.customer_name),
        (gettext("Contract"), quote.contract.number),
        (gettext("Development"), quote.title),
        (gettext("Quoted on"), str(quote.quoted_on)),
        (gettext("Status"), str(quote.get_status_display())),
    ]
    return _pdf(
        document_pdf(
            title=gettext("Quote"), number=quote.number, facts=facts, document=quote
        ),
        quote.number,
    )


# --- Bills ---------------------------------------------------------------------


@staff_view("servicecontracts.view_bill")
def bills(request: HttpRequest) -> HttpResponse:
    rows = selectors.bill_list(organisation=request.organisation)  # type: ignore[attr-defined]
    return render(request, "servicecontracts/bills.html", {"rows": rows})


@staff_view("servicecontracts.view_bill")
def bill_page(request: HttpRequest, pk: int) -> HttpResponse:
    bill = selectors.bill_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    context = {"bill": bill, "lines": shown_lines(bill.lines)}
    return render(request, "servicecontracts/bill.html", context)


@require_POST
@staff_view("servicecontracts.change_bill")
def bill_issue(request: HttpRequest, pk: int) -> HttpResponse:
    bill = selectors.bill_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    try:
        services.bill_issue(actor=request.user, bill=bill)
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("staff:servicebill", pk=bill.pk)


@staff_view("servicecontracts.view_bill")
def bill_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    bill = selectors.bill_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    return _pdf(
        document_pdf(
            title=gettext("Bill"),
            number=bill.number,
            facts=_bill_facts(bill),
            document=bill,
        ),
        bill.number,
    )


def _bill_facts(bill: Bill) -> list[tuple[str, str]]:
    facts = [
        (gettext("Organisation"), bill.organisation.name),
        (gettext("Customer"), bill.customer_name),
        (gettext("Service date"), str(bill.service_date)),
        (gettext("Kind"), str(bill.get_kind_display())),
        (gettext("Description"), bill.description),
        (gettext("Status"), str(bill.get_status_display())),
    ]
    if bill.contract:
        facts.insert(2, (gettext("Contract"), bill.contract.number))
    if bill.rate_card:
        facts.append((gettext("Rate card valid from"), str(bill.rate_card.valid_from)))
    return facts


def _pdf(content: bytes, stem: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{stem}.pdf"'
    return response


# --- Rate card and figures ----------------------------------------------------------


@staff_view("servicecontracts.view_ratecard")
def rate_cards(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = RateCardForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not can(request, "servicecontracts.add_ratecard"):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.rate_card_add(
                    actor=request.user, organisation=organisation, **form.cleaned_data
                )
            except ServiceError as error:
                _refused(form, error)
            else:
                return redirect("staff:ratecards")
        status = 400
    rows = selectors.rate_cards(organisation=organisation)
    return render(
        request,
        "servicecontracts/ratecards.html",
        {"rows": rows, "form": form},
        status=status,
    )


def _today() -> date:
    return timezone.localdate()


def _figures(request: HttpRequest) -> list[selectors.MonthFigure]:
    today = _today()
    first = date(today.year - 1, today.month, 1)
    return selectors.monthly_figures(
        organisation=request.organisation,
        first=first,
        last=today,  # type: ignore[attr-defined]
    )


@staff_view("servicecontracts.view_contract_figures")
def figures(request: HttpRequest) -> HttpResponse:
    rows = _figures(request)
    context = {
        "rows": rows,
        "uses_chart": month_columns(
            rows,
            title=gettext("Entitlements used per month"),
            values=[r.uses for r in rows],
        ),
        "billed_chart": month_columns(
            rows,
            title=gettext("Billed per month (yuan)"),
            values=[r.billed for r in rows],
        ),
    }
    return render(request, "servicecontracts/figures.html", context)


@staff_view("servicecontracts.view_contract_figures")
def figures_workbook(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(write_month_figures(_figures(request)), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="service-contracts.xlsx"'
    return response


# --- The customer's page ---------------------------------------------------------


@never_cache
def contract_public(request: HttpRequest, org_slug: str, token: str) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    contract = selectors.contract_for_token(organisation=organisation, token=token)
    context = {
        "organisation": organisation,
        "contract": contract,
        "uses": selectors.entitlement_uses(contract),
        "requests": selectors.contract_requests(contract),
    }
    return render(request, "servicecontracts/public_contract.html", context)
