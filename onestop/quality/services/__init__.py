"""Writing schemes, weights, manual scores and computed runs; import them from here.

Each service runs in one transaction and records an audit event; a refusal
raises :class:`ServiceError` naming the field, and nothing is written. One
module per idea: scheme versions (``schemes``), the factor tree
(``factors``), weighting a group (``weights``), manual scores (``manual``)
and computing a month (``computing``).
"""

from onestop.quality.services.computing import evaluation_compute
from onestop.quality.services.factors import KEY_RE, factor_add, factor_remove
from onestop.quality.services.manual import manual_score_set
from onestop.quality.services.schemes import (
    TOLERANCE,
    scheme_create,
    scheme_new_version,
    scheme_set_coefficients,
)
from onestop.quality.services.weights import (
    CR_LIMIT,
    group_factors,
    group_label,
    parse_experts,
    parse_judgment,
    parse_number,
    parse_weights,
    reciprocal_matrix,
    weights_borrow,
    weights_set_ahp,
    weights_set_direct,
    weights_set_entropy,
    weights_set_expert,
)

__all__ = [
    "CR_LIMIT",
    "KEY_RE",
    "TOLERANCE",
    "evaluation_compute",
    "factor_add",
    "factor_remove",
    "group_factors",
    "group_label",
    "manual_score_set",
    "parse_experts",
    "parse_judgment",
    "parse_number",
    "parse_weights",
    "reciprocal_matrix",
    "scheme_create",
    "scheme_new_version",
    "scheme_set_coefficients",
    "weights_borrow",
    "weights_set_ahp",
    "weights_set_direct",
    "weights_set_entropy",
    "weights_set_expert",
]
