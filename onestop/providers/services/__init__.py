"""Writes of the providers app, one module per idea; import them from here.

Each write runs in one transaction with an audit event. Providers and their
staff (``providers``); contracts with their KPIs, all validated together
(``contracts``); an inspector's deduction with evidence, and the guards on
which months are still open (``deductions``); a month's KPI points from the
data (``scoring``); the monthly assessment, a new version of a contract's
month with its deductions and payment, and signing it (``assessments``);
feedback officers, their reports with photos kept privately, and checking
them (``officers``).
"""

from onestop.providers.photos import Photo
from onestop.providers.services.assessments import (
    assessment_run,
    assessment_run_month,
    assessment_sign,
)
from onestop.providers.services.contracts import (
    ContractTerms,
    KpiSpec,
    contract_create,
    formula_of,
    kpi_errors,
    terms_errors,
)
from onestop.providers.services.deductions import deduction_record
from onestop.providers.services.officers import (
    contracts_at,
    officer_appoint,
    report_check,
    report_submit,
)
from onestop.providers.services.providers import (
    CREDIT_CODE,
    ProviderDetails,
    provider_save,
    provider_staff_link,
)
from onestop.providers.services.scoring import (
    NOTHING_COUNTED,
    POINT,
    KpiResult,
    kpi_results,
    points,
)

__all__ = [
    "CREDIT_CODE",
    "NOTHING_COUNTED",
    "POINT",
    "ContractTerms",
    "KpiResult",
    "KpiSpec",
    "Photo",
    "ProviderDetails",
    "assessment_run",
    "assessment_run_month",
    "assessment_sign",
    "contract_create",
    "contracts_at",
    "deduction_record",
    "formula_of",
    "kpi_errors",
    "kpi_results",
    "officer_appoint",
    "points",
    "provider_save",
    "provider_staff_link",
    "report_check",
    "report_submit",
    "terms_errors",
]
