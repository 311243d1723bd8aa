"""Scoring a scheme's trees on a period's leaf figures, with the compute library.

The sums themselves are :func:`onestop.compute.evaluation.evaluate` (Σ factor ×
weight at every level) and :func:`composite` (Q内, Q外). What this module adds
is what a month of real data needs: a leaf with nothing counted (no answers,
no inspections) is left out and its siblings' weights are rescaled to sum 1,
so one empty survey question does not zero a department's score; the figure
then says which leaves were missing. A source without any data is left out
of Q内/Q外 the same way, and the result says so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from onestop.common.scores import SourceScore
from onestop.compute.evaluation import FactorTree, composite, evaluate
from onestop.quality.models import Factor, Scheme, Source


@dataclass(frozen=True)
class Node:
    """A factor as the scoring sees it; the snapshot stored with each run."""

    key: str
    name: str
    source: str
    parent: str
    weight: float
    kind: str
    ref: str
    children: tuple[Node, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "name": self.name,
            "source": self.source,
            "parent": self.parent,
            "weight": self.weight,
            "kind": self.kind,
            "ref": self.ref,
        }


def source_key(source: str) -> str:
    """The key of a source's root node (no factor key starts with an underscore)."""
    return f"_{source}"


def trees(factors: Iterable[Factor]) -> dict[str, Node]:
    """One root per source, its children the factors with no parent."""
    factors = list(factors)
    by_parent: dict[int | None, list[Factor]] = {}
    for factor in factors:
        by_parent.setdefault(factor.parent_id, []).append(factor)
    keys = {factor.pk: factor.key for factor in factors}

    def build(factor: Factor) -> Node:
        return Node(
            key=factor.key,
            name=factor.name,
            source=factor.source,
            parent=keys.get(factor.parent_id, ""),
            weight=factor.weight,
            kind=factor.binding_kind,
            ref=factor.binding_ref,
            children=tuple(build(c) for c in _ordered(by_parent.get(factor.pk, []))),
        )

    roots = {}
    for source in Source.values:
        top = [f for f in by_parent.get(None, []) if f.source == source]
        roots[source] = Node(
            key=source_key(source),
            name=str(Source(source).label),
            source=source,
            parent="",
            weight=1.0,
            kind="group",
            ref="",
            children=tuple(build(f) for f in _ordered(top)),
        )
    return roots


def _ordered(factors: list[Factor]) -> list[Factor]:
    return sorted(factors, key=lambda f: (f.position, f.pk))


def walk(node: Node) -> Iterable[Node]:
    yield node
    for child in node.children:
        yield from walk(child)


def leaves(node: Node) -> Iterable[Node]:
    return (n for n in walk(node) if not n.children and n.kind != "group")


@dataclass
class SourceResult:
    score: float | None
    nodes: dict[str, float | None] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)


def _pruned(node: Node, present: Mapping[str, float]) -> FactorTree | None:
    """The subtree whose leaves have scores, each level's weights rescaled to sum 1."""
    if not node.children:
        if node.kind == "group" or node.key not in present:
            return None
        return FactorTree(key=node.key, name=node.name, weight=node.weight)
    kept = [t for t in (_pruned(c, present) for c in node.children) if t is not None]
    if not kept:
        return None
    total = math.fsum(t.weight for t in kept)
    weights = (
        [t.weight / total for t in kept] if total > 0 else [1 / len(kept)] * len(kept)
    )
    # The last weight takes the rounding, so the check Σ = 1 holds exactly enough.
    weights[-1] = 1.0 - math.fsum(weights[:-1])
    children = tuple(
        FactorTree(key=t.key, name=t.name, weight=max(w, 0.0), children=t.children)
        for t, w in zip(kept, weights, strict=True)
    )
    return FactorTree(
        key=node.key, name=node.name, weight=node.weight, children=children
    )


def score_source(root: Node, figures: Mapping[str, SourceScore]) -> SourceResult:
    """Score one source's tree on the leaves' figures (missing leaves left out)."""
    present = {
        key: figure.score
        for key, figure in figures.items()
        if figure.score is not None and figure.count > 0
    }
    result = SourceResult(score=None)
    result.missing = [leaf.key for leaf in leaves(root) if leaf.key not in present]
    tree = _pruned(root, present)
    for node in walk(root):
        result.nodes[node.key] = None
    if tree is None:
        return result
    scored = evaluate(tree, present)
    result.nodes.update(scored.nodes)
    result.score = scored.root
    return result


def combine(
    scores: Mapping[str, float | None], coefficients: Mapping[str, float]
) -> tuple[float | None, list[str]]:
    """Q内 or Q外 over the sources that have a score; and the sources left out."""
    wanted = {k: c for k, c in coefficients.items() if c > 0}
    present = {k: c for k, c in wanted.items() if scores.get(k) is not None}
    left_out = [k for k in wanted if k not in present]
    if not present:
        return None, left_out
    total = math.fsum(present.values())
    keys = list(present)
    rescaled = {k: present[k] / total for k in keys}
    rescaled[keys[-1]] = 1.0 - math.fsum(rescaled[k] for k in keys[:-1])
    value = composite({k: scores[k] for k in keys}, rescaled)  # type: ignore[misc]
    return value, left_out


def score_scope(
    scheme: Scheme, roots: Mapping[str, Node], figures: Mapping[str, SourceScore]
) -> dict[str, object]:
    """Every figure of one scope (the organisation or a department), as stored."""
    sources: dict[str, float | None] = {}
    nodes: dict[str, float | None] = {}
    missing: list[str] = []
    for source, root in roots.items():
        result = score_source(root, figures)
        sources[source] = result.score
        nodes.update(result.nodes)
        missing += result.missing
    q_inner, inner_out = combine(sources, scheme.inner_coefficients())
    q_outer, outer_out = combine(sources, scheme.outer_coefficients())
    return {
        "q_inner": q_inner,
        "q_outer": q_outer,
        "inner_left_out": inner_out,
        "outer_left_out": outer_out,
        "sources": sources,
        "nodes": nodes,
        "leaves": {
            key: {"score": figure.score, "count": figure.count}
            for key, figure in figures.items()
        },
        "missing": missing,
    }
