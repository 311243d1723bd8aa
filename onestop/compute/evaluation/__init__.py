"""Service-quality evaluation: factor weights, weighted scores, survey statistics.

Pure Python + NumPy; no Django. Frozen dataclasses in and out; bad input
raises :class:`EvaluationError` (a ValueError) naming the row, cell or key.

The methods follow the seed articles' evaluation system:

- 篇2, 高校后勤服务质量评价模型: Q内 = a×Qa + b×Qb + c×Qc and
  Q外 = a′×Qa + b′×Qb (:func:`composite`), each Q = Σ 因子 × 因子权重
  (:func:`weighted_score`, :class:`FactorTree` / :func:`evaluate`); the factor
  weights by the expert method, the arithmetic mean of several experts'
  weights (:func:`expert_mean`), each expert's from pairwise comparisons
  (:func:`ahp`, Saaty) or, objectively, from the data (:func:`entropy_weights`).
- 篇9, the five service-quality gaps: the customer gap measured with SERVQUAL
  (:func:`servqual`, :data:`SERVQUAL_DIMENSIONS`), and the reliability of a
  questionnaire scale (:func:`cronbach_alpha`).

Each function's docstring cites its published source.
"""

from onestop.compute.evaluation._checks import WEIGHT_SUM_TOLERANCE, EvaluationError
from onestop.compute.evaluation.ahp import (
    RECIPROCAL_TOLERANCE,
    SAATY_RANDOM_INDEX,
    AhpBatch,
    AhpMatrixError,
    AhpResult,
    ahp,
    ahp_many,
)
from onestop.compute.evaluation.scoring import (
    FactorTree,
    TreeScores,
    composite,
    evaluate,
    weighted_score,
)
from onestop.compute.evaluation.survey import (
    SERVQUAL_DIMENSIONS,
    ServqualResult,
    cronbach_alpha,
    servqual,
)
from onestop.compute.evaluation.weights import entropy_weights, expert_mean

__all__ = [
    "RECIPROCAL_TOLERANCE",
    "SAATY_RANDOM_INDEX",
    "SERVQUAL_DIMENSIONS",
    "WEIGHT_SUM_TOLERANCE",
    "AhpBatch",
    "AhpMatrixError",
    "AhpResult",
    "EvaluationError",
    "FactorTree",
    "ServqualResult",
    "TreeScores",
    "ahp",
    "ahp_many",
    "composite",
    "cronbach_alpha",
    "entropy_weights",
    "evaluate",
    "expert_mean",
    "servqual",
    "weighted_score",
]
