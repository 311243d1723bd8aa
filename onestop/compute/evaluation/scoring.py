"""Weighted scores: 篇2's evaluation model.

篇2 (高校后勤服务质量评价模型):

- Q内 = a×Qa + b×Qb + c×Qc, a + b + c = 1, with Qa 师生评价, Qb 自我评价,
  Qc 行业评价 (internal evaluation);
- Q外 = a′×Qa + b′×Qb, a′ + b′ = 1, with Qa 师生评价, Qb 行业评价
  (external evaluation);
- each Q = Σ 评价因子 × 因子权重, Σ 因子权重 = 1.

:func:`weighted_score` is one Σ score × weight; :func:`composite` is the
Q内 / Q外 line over named parts; :class:`FactorTree` and :func:`evaluate`
apply the same rule at every level of a factor hierarchy, whose weights
(from :func:`~.weights.expert_mean` or :func:`~.ahp.ahp`) must sum to 1
under every node, as 篇2 requires.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy.typing as npt

from onestop.compute.evaluation._checks import (
    WEIGHT_SUM_TOLERANCE,
    EvaluationError,
    as_vector,
    check_weights,
    finite,
)

__all__ = ["FactorTree", "TreeScores", "composite", "evaluate", "weighted_score"]


def weighted_score(
    scores: Sequence[float] | npt.NDArray[Any],
    weights: Sequence[float] | npt.NDArray[Any],
) -> float:
    """Σ score_i × weight_i, the weights ≥ 0 and summing to 1 (篇2:
    Q = Σ 评价因子 × 因子权重, Σ 因子权重 = 1)."""
    s, w = as_vector(scores, "scores"), as_vector(weights, "weights")
    if s.size != w.size:
        raise EvaluationError(f"{s.size} scores but {w.size} weights")
    if s.size == 0:
        raise EvaluationError("no scores to weight")
    check_weights(w, "weights")
    return math.fsum(float(x) for x in s * w)


def _check_named_weights(weights: Mapping[str, float], what: str) -> dict[str, float]:
    out = {k: finite(v, f"{what}[{k!r}]") for k, v in weights.items()}
    if not out:
        raise EvaluationError(f"{what} is empty")
    for k, v in out.items():
        if v < 0:
            raise EvaluationError(
                f"{what}[{k!r}] is {v:g}; weights must not be negative"
            )
    total = math.fsum(out.values())
    if abs(total - 1.0) > WEIGHT_SUM_TOLERANCE:
        raise EvaluationError(f"{what} sum to {total:.10g}, not 1")
    return out


def composite(scores: Mapping[str, float], coefficients: Mapping[str, float]) -> float:
    """Σ coefficient_k × score_k over the coefficients' keys: 篇2's
    Q内 = a×Qa + b×Qb + c×Qc (a + b + c = 1) or Q外 = a′×Qa + b′×Qb.

    The coefficients (≥ 0, summing to 1) say which parts count; scores of other
    parts are ignored, so one set of part scores serves both Q内 and Q外. A
    part with a coefficient but no score is refused, by name.
    """
    coef = _check_named_weights(coefficients, "coefficients")
    if missing := [k for k in coef if k not in scores]:
        raise EvaluationError(f"no score for {', '.join(map(repr, missing))}")
    return math.fsum(c * finite(scores[k], f"scores[{k!r}]") for k, c in coef.items())


@dataclass(frozen=True)
class FactorTree:
    """One node of a factor hierarchy: ``key`` (unique in the tree), a display
    ``name``, its ``weight`` within its parent, and its ``children``.

    A node without children is a leaf, scored directly. The children's weights
    must be ≥ 0 and sum to 1 (篇2: Σ 因子权重 = 1); the root's own weight is
    not used. Checked on construction, so a tree that exists is valid.
    """

    key: str
    name: str = ""
    weight: float = 1.0
    children: tuple[FactorTree, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.key, str) or not self.key:
            raise EvaluationError(
                f"a factor's key must be a non-empty string, got {self.key!r}"
            )
        object.__setattr__(
            self, "weight", finite(self.weight, f"weight of {self._label()}")
        )
        if not 0 <= self.weight <= 1:
            raise EvaluationError(
                f"{self._label()} has weight {self.weight:g}, outside [0, 1]"
            )
        # A list is accepted and frozen, so the tree cannot change after the check.
        object.__setattr__(self, "children", tuple(self.children))
        for child in self.children:
            if not isinstance(child, FactorTree):
                raise EvaluationError(
                    f"{self._label()} has a child that is not a FactorTree: {child!r}"
                )
        self._check_children_weights()
        self._check_unique_keys()

    def _label(self) -> str:
        return f"factor {self.key!r}" + (f" ({self.name})" if self.name else "")

    def _check_children_weights(self) -> None:
        if not self.children:
            return
        total = math.fsum(c.weight for c in self.children)
        if abs(total - 1.0) > WEIGHT_SUM_TOLERANCE:
            raise EvaluationError(
                f"the weights under {self._label()} sum to {total:.10g}, not 1: "
                + ", ".join(f"{c.key}={c.weight:g}" for c in self.children)
            )

    def _check_unique_keys(self) -> None:
        # Each child checked its own subtree when it was built, so only
        # collisions between siblings' subtrees and this node remain.
        seen = {self.key}
        for child in self.children:
            for node in child.nodes():
                if node.key in seen:
                    raise EvaluationError(
                        f"key {node.key!r} appears twice under {self._label()}"
                    )
                seen.add(node.key)

    def nodes(self) -> Iterator[FactorTree]:
        """This node and every node below it, parents before children."""
        yield self
        for child in self.children:
            yield from child.nodes()

    def leaves(self) -> Iterator[FactorTree]:
        """The nodes without children, in order."""
        return (n for n in self.nodes() if not n.children)


@dataclass(frozen=True)
class TreeScores:
    """``root`` is the tree's score; ``nodes`` maps every key to its score."""

    root: float
    nodes: Mapping[str, float]


def _score(
    node: FactorTree, leaf_scores: Mapping[str, float], out: dict[str, float]
) -> float:
    if node.children:
        s = math.fsum(c.weight * _score(c, leaf_scores, out) for c in node.children)
    else:
        s = finite(leaf_scores[node.key], f"score of leaf {node.key!r}")
    out[node.key] = s
    return s


def evaluate(tree: FactorTree, leaf_scores: Mapping[str, float]) -> TreeScores:
    """Score every node of ``tree``: a leaf's score is given, a parent's is
    Σ child weight × child score (篇2: Q = Σ 评价因子 × 因子权重).

    Every leaf needs a score; missing ones are named. Scores for keys that are
    not leaves of this tree are ignored, so one set of factor scores serves
    several trees (Q内 and Q外 share 师生评价).
    """
    if not isinstance(tree, FactorTree):
        raise EvaluationError(f"tree must be a FactorTree, got {tree!r}")
    if missing := [leaf for leaf in tree.leaves() if leaf.key not in leaf_scores]:
        raise EvaluationError(
            "no score for leaf " + ", ".join(leaf._label() for leaf in missing)
        )
    nodes: dict[str, float] = {}
    root = _score(tree, leaf_scores, nodes)
    return TreeScores(root=root, nodes=MappingProxyType(nodes))
