"""Tests for onestop.compute.evaluation.

Expected values are published figures, checked to the digits printed in the
source cited beside them, or derived by hand in the comment beside them.
Every one is also recomputed here independently of the module under test:
plain-Python arithmetic (lists, ``fractions``, ``math``, ``statistics``),
no NumPy, and where possible a different route (power iteration instead of
repeated squaring, the covariance form of α instead of the variance form).

Sources of the reference values:

- Saaty, T. L. (1980). *The Analytic Hierarchy Process.* McGraw-Hill: the
  relative wealth of seven nations (after Saaty & Khouja 1976, *Journal of
  Peace Science* 2(1), 31–48): weights .427 .230 .021 .052 .052 .123 .094,
  λmax = 7.61, CI = 0.10, CR = 0.08.
- Saaty, T. L. (1990). How to make a decision: the analytic hierarchy
  process. *European Journal of Operational Research* 48(1), 9–26: the
  criteria for buying a house, weights .173 .054 .188 .018 .031 .036 .167
  .333, λmax = 9.669, CI = 0.238, CR = 0.169 (> 0.1: inconsistent).
- Saaty, T. L. (2008). Decision making with the analytic hierarchy process.
  *International Journal of Services Sciences* 1(1), 83–98: which drink is
  consumed more in the U.S., weights .177 .019 .042 .116 .190 .129 .327,
  CR = .022.
- Bock, R. D. & Lieberman, M. (1970). Fitting a response model for n
  dichotomously scored items. *Psychometrika* 35(2), 179–197: the LSAT
  section 6 data (1,000 examinees, 5 items) as response-pattern counts, with
  item proportions correct .924 .709 .553 .763 .870. Its Cronbach's α is
  0.295 as printed by ``ltm::cronbach.alpha(LSAT)`` (Rizopoulos, D. 2006,
  ltm: an R package for latent variable modelling and item response theory
  analyses, *Journal of Statistical Software* 17(5)), the reference output
  of RKWard's test suite (tests/item_response_theory/
  RKTestStandard.Cronbach_alpha.rkout: "alpha: 0.295").
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import statistics
import subprocess
import sys
import unittest
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import numpy as np

from onestop.compute.evaluation import (
    RECIPROCAL_TOLERANCE,
    SAATY_RANDOM_INDEX,
    SERVQUAL_DIMENSIONS,
    AhpMatrixError,
    EvaluationError,
    FactorTree,
    ahp,
    ahp_many,
    composite,
    cronbach_alpha,
    entropy_weights,
    evaluate,
    expert_mean,
    servqual,
    weighted_score,
)

REPO_ROOT = Path(__file__).resolve().parents[3]
Rows = list[list[float]]


def judgments(*rows: str) -> list[list[Fraction]]:
    """A comparison matrix written as in the papers: "1 5 3 1/3"."""
    return [[Fraction(v) for v in row.split()] for row in rows]


# -- independent computations (plain Python, no NumPy) ----------------------


def py_power_eigen(
    a: Sequence[Sequence[float | Fraction]],
) -> tuple[list[float], float]:
    """Perron vector (sum 1) and root by the plain power method w ← A·w."""
    n = len(a)
    w = [1.0 / n] * n
    for _ in range(10_000):
        aw = [math.fsum(float(a[i][j]) * w[j] for j in range(n)) for i in range(n)]
        lam = math.fsum(aw)  # eᵀ·A·w with eᵀ·w = 1
        nxt = [x / lam for x in aw]
        if max(abs(x - y) for x, y in zip(nxt, w, strict=True)) < 1e-16:
            return nxt, lam
        w = nxt
    raise AssertionError("power method did not converge")


def py_geometric(a: Sequence[Sequence[float | Fraction]]) -> tuple[list[float], float]:
    """Row geometric means (sum 1) and λmax = mean of (A·w)_i / w_i."""
    n = len(a)
    g = [math.prod(float(x) for x in row) ** (1 / n) for row in a]
    w = [x / math.fsum(g) for x in g]
    aw = [math.fsum(float(a[i][j]) * w[j] for j in range(n)) for i in range(n)]
    return w, math.fsum(aw[i] / w[i] for i in range(n)) / n


def py_entropy_weights(x: Sequence[Sequence[float]]) -> list[float]:
    m, n = len(x), len(x[0])
    d = []
    for j in range(n):
        total = math.fsum(row[j] for row in x)
        p = [row[j] / total for row in x]
        e = -math.fsum(q * math.log(q) for q in p if q > 0) / math.log(m)
        d.append(1 - e)
    return [v / math.fsum(d) for v in d]


def py_alpha_covariance(rows: Sequence[Sequence[float]]) -> float:
    """α = k/(k−1) · (1 − Σ σ_ii / Σ_ij σ_ij): the covariance form, with
    ``statistics`` (sample covariances), not the variance-of-totals form."""
    cols = [[float(r[j]) for r in rows] for j in range(len(rows[0]))]
    k = len(cols)
    cov = [
        [statistics.covariance(cols[i], cols[j]) for j in range(k)] for i in range(k)
    ]
    diag = math.fsum(cov[i][i] for i in range(k))
    return k / (k - 1) * (1 - diag / math.fsum(map(math.fsum, cov)))


# -- AHP --------------------------------------------------------------------

DRINKS = judgments(  # coffee, wine, tea, beer, sodas, milk, water
    "1 9 5 2 1 1 1/2",
    "1/9 1 1/3 1/9 1/9 1/9 1/9",
    "1/5 3 1 1/3 1/4 1/3 1/9",
    "1/2 9 3 1 1/2 1 1/3",
    "1 9 4 2 1 2 1/2",
    "1 9 3 1 1/2 1 1/3",
    "2 9 9 3 2 3 1",
)
WEALTH = judgments(  # U.S., U.S.S.R., China, France, U.K., Japan, W. Germany
    "1 4 9 6 6 5 5",
    "1/4 1 7 5 5 3 4",
    "1/9 1/7 1 1/5 1/5 1/7 1/5",
    "1/6 1/5 5 1 1 1/3 1/3",
    "1/6 1/5 5 1 1 1/3 1/3",
    "1/5 1/3 7 3 3 1 2",
    "1/5 1/4 5 3 3 1/2 1",
)
HOUSE = (
    judgments(  # size, bus, neighbourhood, age, yard, facilities, condition, financing
        "1 5 3 7 6 6 1/3 1/4",
        "1/5 1 1/3 5 3 3 1/5 1/7",
        "1/3 3 1 6 3 4 6 1/5",
        "1/7 1/5 1/6 1 1/3 1/4 1/7 1/8",
        "1/6 1/3 1/3 3 1 1/2 1/5 1/6",
        "1/6 1/3 1/4 4 2 1 1/5 1/6",
        "3 5 1/6 7 5 5 1 1/2",
        "4 7 5 8 6 6 2 1",
    )
)

# Saaty (1980): random index for n = 1…15, as the issue lists it.
# fmt: off
SAATY_1980_RI = (0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
                 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59)
# fmt: on

# (source, matrix, published weights, λmax, CI, CR; each published figure is
# (value, decimals) or None where the source prints none).
Published = tuple[float, int] | None
AHP_PUBLISHED: list[
    tuple[str, list[list[Fraction]], tuple[float, ...], Published, Published, Published]
] = [
    (
        "Saaty 2008, drinks",
        DRINKS,
        (0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327),
        None,
        None,
        (0.022, 3),
    ),
    (
        "Saaty 1980, wealth of nations",
        WEALTH,
        (0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094),
        (7.61, 2),
        (0.10, 2),
        (0.08, 2),
    ),
    (
        "Saaty 1990, buying a house (inconsistent)",
        HOUSE,
        (0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333),
        (9.669, 3),
        (0.238, 3),
        (0.169, 3),
    ),
]


class AhpPublishedExamplesTests(unittest.TestCase):
    def test_eigenvector_matches_the_published_figures(self) -> None:
        for source, matrix, weights, lam, ci, cr in AHP_PUBLISHED:
            with self.subTest(source):
                r = ahp(matrix)
                self.assertEqual(tuple(round(w, 3) for w in r.weights), weights)
                for published, got in ((lam, r.lambda_max), (ci, r.consistency_index)):
                    if published is not None:
                        self.assertEqual(round(got, published[1]), published[0])
                assert cr is not None
                self.assertEqual(round(r.consistency_ratio, cr[1]), cr[0])

    def test_eigenvector_matches_an_independent_power_method(self) -> None:
        for source, matrix, *_ in AHP_PUBLISHED:
            with self.subTest(source):
                w, lam = py_power_eigen(matrix)
                r = ahp(matrix)
                for got, want in zip(r.weights, w, strict=True):
                    self.assertAlmostEqual(got, want, places=13)
                self.assertAlmostEqual(r.lambda_max, lam, places=11)
                n = len(matrix)
                ci = (lam - n) / (n - 1)
                self.assertAlmostEqual(r.consistency_index, ci, places=11)
                self.assertAlmostEqual(
                    r.consistency_ratio, ci / SAATY_RANDOM_INDEX[n], places=11
                )

    def test_geometric_matches_an_independent_computation(self) -> None:
        for source, matrix, published, *_ in AHP_PUBLISHED:
            with self.subTest(source):
                w, lam = py_geometric(matrix)
                r = ahp(matrix, method="geometric")
                for got, want in zip(r.weights, w, strict=True):
                    self.assertAlmostEqual(got, want, places=14)
                self.assertAlmostEqual(r.lambda_max, lam, places=12)
                n = len(matrix)
                self.assertAlmostEqual(
                    r.consistency_index, (lam - n) / (n - 1), places=12
                )
                # Not the eigenvector, but close to it on these judgments.
                for got, pub in zip(r.weights, published, strict=True):
                    self.assertAlmostEqual(got, pub, delta=0.04)

    def test_inconsistent_example_exceeds_the_threshold(self) -> None:
        # Saaty (1980): CR ≤ 0.1 is acceptable; the house judgments are not.
        self.assertGreater(ahp(HOUSE).consistency_ratio, 0.1)
        self.assertLess(ahp(DRINKS).consistency_ratio, 0.1)


def consistent(*w: int) -> list[list[Fraction]]:
    """a_ij = w_i / w_j: perfectly consistent judgments."""
    return [[Fraction(a, b) for b in w] for a in w]


class AhpConsistencyTests(unittest.TestCase):
    def test_consistent_matrix_has_cr_zero_and_recovers_the_weights(self) -> None:
        # For a_ij = w_i/w_j, A·w = n·w exactly (Saaty 1977): λmax = n, CI = CR = 0.
        cases = [((4, 3, 2, 1), 4), ((8, 4, 2, 1, 1), 5), ((9, 1, 3), 3)]
        for w, n in cases:
            for method in ("eigenvector", "geometric"):
                with self.subTest(w=w, method=method):
                    r = ahp(consistent(*w), method=method)
                    total = sum(w)
                    for got, want in zip(r.weights, w, strict=True):
                        self.assertAlmostEqual(got, want / total, places=14)
                    self.assertAlmostEqual(r.lambda_max, n, places=12)
                    self.assertEqual(r.consistency_index, 0.0)
                    self.assertEqual(r.consistency_ratio, 0.0)

    def test_cyclic_judgments_are_maximally_inconsistent(self) -> None:
        # A over B 9, B over C 9, C over A 9. By cyclic symmetry w = (1/3,
        # 1/3, 1/3), so λmax = a row sum = 1 + 9 + 1/9 = 91/9, CI = (91/9 −
        # 3)/2 = 32/9, CR = (32/9)/0.58. Both methods give the same.
        cycle = judgments("1 9 1/9", "1/9 1 9", "9 1/9 1")
        for method in ("eigenvector", "geometric"):
            with self.subTest(method=method):
                r = ahp(cycle, method=method)
                for got in r.weights:
                    self.assertAlmostEqual(got, 1 / 3, places=14)
                self.assertAlmostEqual(r.lambda_max, 91 / 9, places=12)
                self.assertAlmostEqual(r.consistency_index, 32 / 9, places=12)
                self.assertAlmostEqual(r.consistency_ratio, 32 / 9 / 0.58, places=12)
                self.assertGreater(r.consistency_ratio, 0.1)

    def test_n_one_and_two_have_cr_zero(self) -> None:
        # Any 2×2 reciprocal matrix is consistent: w = (5/6, 1/6), λmax = 2.
        cases: list[tuple[Rows, tuple[float, ...], float]] = [
            ([[1]], (1.0,), 1.0),
            ([[1, 5], [0.2, 1]], (5 / 6, 1 / 6), 2.0),
        ]
        for matrix, weights, lam in cases:
            for method in ("eigenvector", "geometric"):
                with self.subTest(n=len(matrix), method=method):
                    r = ahp(matrix, method=method)
                    for got, want in zip(r.weights, weights, strict=True):
                        self.assertAlmostEqual(got, want, places=15)
                    self.assertAlmostEqual(r.lambda_max, lam, places=14)
                    self.assertEqual(
                        (r.consistency_index, r.consistency_ratio), (0.0, 0.0)
                    )

    def test_random_index_is_saatys_table(self) -> None:
        self.assertEqual(tuple(SAATY_RANDOM_INDEX), tuple(range(1, 16)))
        self.assertEqual(tuple(SAATY_RANDOM_INDEX.values()), SAATY_1980_RI)

    def test_inputs_lists_arrays_fractions_agree_and_are_not_changed(self) -> None:
        floats = [[float(v) for v in row] for row in WEALTH]
        array = np.array(floats)
        before = array.copy()
        results = {ahp(WEALTH), ahp(floats), ahp(array)}
        self.assertEqual(len(results), 1)
        np.testing.assert_array_equal(array, before)

    def test_reciprocals_typed_to_three_decimals_are_accepted(self) -> None:
        # 6 × 0.167 = 1.002, within RECIPROCAL_TOLERANCE (0.5 %).
        self.assertEqual(RECIPROCAL_TOLERANCE, 5e-3)
        typed: Rows = [[1, 6, 3], [0.167, 1, 0.5], [0.333, 2, 1]]
        exact = ahp(judgments("1 6 3", "1/6 1 1/2", "1/3 2 1"))
        for got, want in zip(ahp(typed).weights, exact.weights, strict=True):
            self.assertAlmostEqual(got, want, places=3)

    def test_result_is_frozen(self) -> None:
        r = ahp(DRINKS)
        with self.assertRaises(dataclasses.FrozenInstanceError):
            r.lambda_max = 0.0  # type: ignore[misc]


class AhpErrorTests(unittest.TestCase):
    # (why, matrix, exception, message fragment, cell)
    CASES: list[tuple[str, object, type[Exception], str, tuple[int, int] | None]] = [
        (
            "not square",
            [[1, 2, 3], [0.5, 1, 2]],
            AhpMatrixError,
            "must be square",
            None,
        ),
        (
            "ragged",
            [[1, 2], [0.5]],
            EvaluationError,
            "ragged: row 1 has 1 values",
            None,
        ),
        ("empty", [], AhpMatrixError, "at least one element", None),
        (
            "zero",
            [[1, 0], [1, 1]],
            AhpMatrixError,
            "matrix[0][1] = 0: judgments must be positive",
            (0, 1),
        ),
        (
            "negative",
            [[1, 2], [-0.5, 1]],
            AhpMatrixError,
            "matrix[1][0] = -0.5",
            (1, 0),
        ),
        (
            "not reciprocal",
            [[1, 2, 3], [0.5, 1, 4], [2, 0.25, 1]],
            AhpMatrixError,
            "matrix[0][2] = 3 but matrix[2][0] = 2: a reciprocal matrix needs matrix[2][0] = 1/3",
            (0, 2),
        ),
        (
            "typed 0.5 for 1/3",
            [[1, 3], [0.5, 1]],
            AhpMatrixError,
            "matrix[0][1] = 3 but",
            (0, 1),
        ),
        (
            "diagonal",
            [[1, 2], [0.5, 2]],
            AhpMatrixError,
            "matrix[1][1] = 2: the diagonal must be 1",
            (1, 1),
        ),
        (
            "NaN",
            [[1, math.nan], [1, 1]],
            EvaluationError,
            "row 0, column 1 is nan",
            None,
        ),
        (
            "infinite array",
            np.array([[1, np.inf], [0, 1]]),
            EvaluationError,
            "column 1 is inf",
            None,
        ),
        ("text", [[1, "3"], [1 / 3, 1]], EvaluationError, "'3' is not a number", None),
        ("bool", [[True, 1], [1, 1]], EvaluationError, "True is not a number", None),
        ("3-D array", np.ones((2, 2, 2)), EvaluationError, "must be a 2-D table", None),
        ("n = 16", [[1] * 16 for _ in range(16)], AhpMatrixError, "n = 16", None),
    ]

    def test_refusals_name_the_cell(self) -> None:
        for why, matrix, exc, fragment, cell in self.CASES:
            with self.subTest(why):
                with self.assertRaises(exc) as ctx:
                    ahp(matrix)  # type: ignore[arg-type]
                self.assertIsInstance(ctx.exception, ValueError)
                self.assertIn(fragment, str(ctx.exception))
                if isinstance(ctx.exception, AhpMatrixError):
                    self.assertEqual(ctx.exception.cell, cell)

    def test_unknown_method(self) -> None:
        with self.assertRaisesRegex(
            EvaluationError, "method must be 'eigenvector' or 'geometric'"
        ):
            ahp(DRINKS, method="mean")  # type: ignore[arg-type]


def random_reciprocal(count: int, n: int, seed: int) -> np.ndarray:
    scale = [1 / k for k in range(9, 1, -1)] + list(range(1, 10))
    rng = np.random.default_rng(seed)
    a = np.ones((count, n, n))
    iu = np.triu_indices(n, 1)
    v = rng.choice(scale, size=(count, iu[0].size))
    a[:, iu[0], iu[1]] = v
    a[:, iu[1], iu[0]] = 1 / v
    return a


class AhpManyTests(unittest.TestCase):
    def test_equals_ahp_matrix_by_matrix(self) -> None:
        for n in (3, 5, 9):
            stack = random_reciprocal(40, n, seed=n)
            for method in ("eigenvector", "geometric"):
                with self.subTest(n=n, method=method):
                    batch = ahp_many(stack, method=method)
                    self.assertEqual(batch.weights.shape, (40, n))
                    for k, m in enumerate(stack):
                        one = ahp(m, method=method)
                        np.testing.assert_allclose(
                            batch.weights[k], one.weights, atol=1e-15
                        )
                        self.assertAlmostEqual(
                            batch.lambda_max[k], one.lambda_max, places=12
                        )
                        self.assertAlmostEqual(
                            batch.consistency_ratio[k], one.consistency_ratio, places=12
                        )

    def test_eigenvector_agrees_with_lapack(self) -> None:
        # numpy.linalg.eig (LAPACK geev): a different algorithm from squaring.
        stack = random_reciprocal(200, 9, seed=2008)
        values, vectors = np.linalg.eig(stack)
        top = np.argmax(values.real, axis=1)
        w = np.abs(vectors.real[np.arange(200), :, top])
        w /= w.sum(axis=1, keepdims=True)
        batch = ahp_many(stack)
        np.testing.assert_allclose(batch.weights, w, atol=1e-13)
        np.testing.assert_allclose(
            batch.lambda_max, values.real[np.arange(200), top], rtol=1e-12
        )

    def test_list_of_matrices(self) -> None:
        batch = ahp_many([WEALTH, [[float(v) for v in r] for r in WEALTH]])
        self.assertEqual(batch.weights.shape, (2, 7))
        np.testing.assert_allclose(
            batch.weights[1], np.array(ahp(WEALTH).weights), atol=1e-15
        )

    def test_refusals_name_the_matrix(self) -> None:
        stack = random_reciprocal(5, 4, seed=1)
        stack[3, 0, 1] = 7.0
        stack[3, 1, 0] = 1 / 5
        with self.assertRaises(AhpMatrixError) as ctx:
            ahp_many(stack)
        self.assertIn(
            "matrices[3][0][1] = 7 but matrices[3][1][0] = 0.2", str(ctx.exception)
        )
        self.assertEqual((ctx.exception.index, ctx.exception.cell), (3, (0, 1)))
        for why, bad, fragment in (
            ("sizes differ", [WEALTH, HOUSE], "matrices[1] is 8×8, matrices[0] is 7×7"),
            ("empty list", [], "matrices is empty"),
            ("empty array", np.ones((0, 3, 3)), "matrices is empty"),
            ("2-D array", np.ones((3, 3)), "k × n × n"),
        ):
            with (
                self.subTest(why),
                self.assertRaisesRegex(AhpMatrixError, re.escape(fragment)),
            ):
                ahp_many(bad)


# -- expert method (篇2) -----------------------------------------------------


class ExpertMeanTests(unittest.TestCase):
    # (why, experts' weights, expected mean) — each by hand.
    CASES: list[tuple[str, Rows, tuple[float, ...]]] = [
        # (0.5+0.4+0.6)/3 = 0.5, (0.3+0.4+0.2)/3 = 0.3, 0.2.
        (
            "three experts",
            [[0.5, 0.3, 0.2], [0.4, 0.4, 0.2], [0.6, 0.2, 0.2]],
            (0.5, 0.3, 0.2),
        ),
        # Mean (0.415, 0.29, 0.29) sums to 0.995; renormalised.
        (
            "rounded thirds",
            [[0.33, 0.33, 0.33], [0.5, 0.25, 0.25]],
            (0.415 / 0.995, 0.29 / 0.995, 0.29 / 0.995),
        ),
        ("one expert", [[0.7, 0.3]], (0.7, 0.3)),
        # A factor every expert gives 0 keeps 0.
        ("a zero factor", [[0.5, 0.5, 0], [1, 0, 0]], (0.75, 0.25, 0.0)),
    ]

    def test_arithmetic_mean_renormalised(self) -> None:
        for why, weights, expected in self.CASES:
            with self.subTest(why):
                got = expert_mean(weights)
                self.assertEqual(len(got), len(expected))
                for g, e in zip(got, expected, strict=True):
                    self.assertAlmostEqual(g, e, places=15)
                self.assertAlmostEqual(math.fsum(got), 1.0, places=15)

    def test_experts_ahp_weights_then_mean(self) -> None:
        # 篇2: several experts judge; their weights are averaged.
        experts = [
            judgments("1 3 5", "1/3 1 2", "1/5 1/2 1"),
            judgments("1 2 4", "1/2 1 3", "1/4 1/3 1"),
        ]
        per_expert = [ahp(m).weights for m in experts]
        got = expert_mean(per_expert)
        for j in range(3):
            self.assertAlmostEqual(
                got[j], (per_expert[0][j] + per_expert[1][j]) / 2, places=15
            )

    def test_refusals(self) -> None:
        cases: list[tuple[str, object, str]] = [
            ("no experts", [], "no expert gave weights"),
            ("no factors", [[], []], "weighted no factors"),
            (
                "ragged",
                [[0.5, 0.5], [0.2, 0.3, 0.5]],
                "ragged: expert 1 has 3 values, expert 0 has 2",
            ),
            (
                "negative",
                [[0.5, 0.5], [1.2, -0.2]],
                "expert 1 gives factor 1 the weight -0.2",
            ),
            ("all zero", [[0, 0], [0, 0]], "every weight is 0"),
            ("text", [["0.5", 0.5]], "expert 0, column 0: '0.5' is not a number"),
        ]
        for why, weights, fragment in cases:
            with self.subTest(why), self.assertRaisesRegex(EvaluationError, fragment):
                expert_mean(weights)  # type: ignore[arg-type]


# -- entropy weights ----------------------------------------------------------


class EntropyWeightsTests(unittest.TestCase):
    def test_hand_example(self) -> None:
        # Four alternatives (m = 4, ln m = ln 4), four criteria:
        #   column 0 (5,5,0,0): p = (½,½,0,0), e = ln 2/ln 4 = ½,   d = ½
        #   column 1 (0,0,7,0): p = (0,0,1,0), e = 0,               d = 1
        #   column 2 (3,3,3,3): p = ¼ each,    e = ln 4/ln 4 = 1,   d = 0
        #   column 3 (2,0,2,2): p = ⅓ on 3,    e = ln 3/ln 4,       d = 1 − ln 3/ln 4
        # w = d / Σd, Σd = 5/2 − ln 3/ln 4.
        x = [[5, 0, 3, 2], [5, 0, 3, 0], [0, 7, 3, 2], [0, 0, 3, 2]]
        r = math.log(3) / math.log(4)
        d = (0.5, 1.0, 0.0, 1 - r)
        got = entropy_weights(x)
        for g, e in zip(got, d, strict=True):
            self.assertAlmostEqual(g, e / (2.5 - r), places=15)
        self.assertEqual(got[2], 0.0)  # a criterion that does not vary weighs nothing
        # Rounded: 0.2928, 0.5856, 0, 0.1215.
        self.assertEqual(tuple(round(g, 4) for g in got), (0.2928, 0.5856, 0.0, 0.1215))

    def test_matches_an_independent_computation(self) -> None:
        # Five service windows × four criteria (done on the spot %, satisfaction
        # score, cases per day, complaints avoided): any positive data.
        x = [
            [82.0, 4.6, 120, 9],
            [75.0, 4.1, 95, 7],
            [91.0, 4.8, 140, 10],
            [68.0, 3.9, 80, 4],
            [88.0, 4.4, 132, 8],
        ]
        # 1 − e cancels most digits when e ≈ 1 (here e ≈ 0.997): agree to 1e-12.
        for got, want in zip(entropy_weights(x), py_entropy_weights(x), strict=True):
            self.assertAlmostEqual(got, want, places=12)

    def test_invariant_to_column_scale_and_row_order(self) -> None:
        x = np.array(
            [[82.0, 4.6, 120], [75.0, 4.1, 95], [91.0, 4.8, 140], [68.0, 3.9, 80]]
        )
        base = entropy_weights(x)
        for why, y in (
            ("percent → fraction", x * np.array([0.01, 1, 1])),
            ("rows reversed", x[::-1]),
        ):
            with self.subTest(why):
                np.testing.assert_allclose(entropy_weights(y), base, atol=1e-14)

    def test_refusals(self) -> None:
        cases: list[tuple[str, object, str]] = [
            ("one row", [[1, 2, 3]], "at least 2 alternatives"),
            ("negative", [[1, 2], [3, -1]], "alternative 1, criterion 1 is -1"),
            (
                "zero columns",
                [[0, 1, 0], [0, 2, 0]],
                r"criterion \(column\) 0, 2 is all zeros",
            ),
            ("nothing varies", [[1, 5], [1, 5], [1, 5]], "no criterion varies"),
            ("no criteria", [[], []], "no criteria"),
            ("ragged", [[1, 2], [1]], "ragged: alternative 1"),
            ("NaN", [[1, 2], [math.nan, 1]], "alternative 1, column 0 is nan"),
        ]
        for why, x, fragment in cases:
            with self.subTest(why), self.assertRaisesRegex(EvaluationError, fragment):
                entropy_weights(x)  # type: ignore[arg-type]


# -- factor tree, weighted score, composite (篇2) ----------------------------


def q_nei(a: float = 0.5, b: float = 0.3, c: float = 0.2) -> FactorTree:
    """篇2's internal evaluation: Q内 = a·Qa + b·Qb + c·Qc over factor scores."""
    return FactorTree(
        "Q内",
        "内部评价",
        children=(
            FactorTree(
                "Qa",
                "师生评价",
                a,
                (FactorTree("a1", "服务态度", 0.6), FactorTree("a2", "服务效率", 0.4)),
            ),
            FactorTree(
                "Qb",
                "自我评价",
                b,
                (FactorTree("b1", "规范执行", 0.5), FactorTree("b2", "员工培训", 0.5)),
            ),
            FactorTree("Qc", "行业评价", c, (FactorTree("c1", "等级认定", 1.0),)),
        ),
    )


LEAF_SCORES = {"a1": 90.0, "a2": 80.0, "b1": 70.0, "b2": 90.0, "c1": 85.0}


class FactorTreeTests(unittest.TestCase):
    def test_evaluate_by_hand(self) -> None:
        # Qa = 0.6·90 + 0.4·80 = 86; Qb = 0.5·70 + 0.5·90 = 80; Qc = 85;
        # Q内 = 0.5·86 + 0.3·80 + 0.2·85 = 43 + 24 + 17 = 84.
        s = evaluate(q_nei(), LEAF_SCORES)
        self.assertAlmostEqual(s.root, 84.0, places=12)
        expected = {"Q内": 84.0, "Qa": 86.0, "Qb": 80.0, "Qc": 85.0, **LEAF_SCORES}
        self.assertEqual(set(s.nodes), set(expected))
        for key, want in expected.items():
            with self.subTest(key):
                self.assertAlmostEqual(s.nodes[key], want, places=12)

    def test_root_equals_composite_and_weighted_score(self) -> None:
        s = evaluate(q_nei(), LEAF_SCORES)
        parts = {k: s.nodes[k] for k in ("Qa", "Qb", "Qc")}
        self.assertAlmostEqual(
            composite(parts, {"Qa": 0.5, "Qb": 0.3, "Qc": 0.2}), s.root, places=12
        )
        self.assertAlmostEqual(
            weighted_score([86, 80, 85], [0.5, 0.3, 0.2]), s.root, places=12
        )

    def test_q_wai_from_the_same_scores(self) -> None:
        # 篇2: Q外 = a′·Qa + b′·Qb, Qb being 行业评价 (here Qc); 自我评价 is
        # ignored. 0.7·86 + 0.3·85 = 60.2 + 25.5 = 85.7.
        parts = {"Qa": 86.0, "Qb": 80.0, "Qc": 85.0}
        self.assertAlmostEqual(
            composite(parts, {"Qa": 0.7, "Qc": 0.3}), 85.7, places=12
        )

    def test_extra_scores_are_ignored(self) -> None:
        s = evaluate(q_nei(), {**LEAF_SCORES, "x9": 1.0})
        self.assertNotIn("x9", s.nodes)

    def test_tree_is_frozen_and_children_a_tuple(self) -> None:
        t = FactorTree("root", children=[FactorTree("a", weight=1.0)])  # type: ignore[arg-type]
        self.assertIsInstance(t.children, tuple)
        with self.assertRaises(dataclasses.FrozenInstanceError):
            t.weight = 0.5  # type: ignore[misc]
        self.assertEqual(
            [n.key for n in q_nei().leaves()], ["a1", "a2", "b1", "b2", "c1"]
        )

    def test_construction_refusals_name_the_node(self) -> None:
        cases: list[tuple[str, object, str]] = [
            (
                "weights sum to 0.9",
                lambda: q_nei(0.4, 0.3, 0.2),
                "under factor 'Q内' \\(内部评价\\) sum to 0.9, not 1",
            ),
            (
                "leaf weights",
                lambda: FactorTree(
                    "Qa",
                    "师生评价",
                    children=(
                        FactorTree("a1", weight=0.6),
                        FactorTree("a2", weight=0.3),
                    ),
                ),
                "under factor 'Qa' \\(师生评价\\) sum to 0.9",
            ),
            (
                "negative",
                lambda: FactorTree("a", weight=-0.1),
                "factor 'a' has weight -0.1",
            ),
            ("above 1", lambda: FactorTree("a", weight=1.5), "outside \\[0, 1\\]"),
            (
                "NaN weight",
                lambda: FactorTree("a", weight=math.nan),
                "weight of factor 'a' is nan",
            ),
            ("empty key", lambda: FactorTree(""), "non-empty string"),
            (
                "duplicate key",
                lambda: FactorTree(
                    "r",
                    children=(FactorTree("x", weight=0.5), FactorTree("x", weight=0.5)),
                ),
                "key 'x' appears twice under factor 'r'",
            ),
            (
                "key repeats the root",
                lambda: FactorTree(
                    "r", children=(FactorTree("s", children=(FactorTree("r"),)),)
                ),
                "key 'r' appears twice",
            ),
            (
                "not a node",
                lambda: FactorTree("r", children=("x",)),  # type: ignore[arg-type]
                "not a FactorTree",
            ),
        ]
        for why, build, fragment in cases:
            with self.subTest(why), self.assertRaisesRegex(EvaluationError, fragment):
                build()  # type: ignore[operator]

    def test_evaluate_refusals(self) -> None:
        scores = dict(LEAF_SCORES)
        del scores["b2"]
        with self.assertRaisesRegex(
            EvaluationError, r"no score for leaf factor 'b2' \(员工培训\)"
        ):
            evaluate(q_nei(), scores)
        with self.assertRaisesRegex(EvaluationError, "score of leaf 'a1' is inf"):
            evaluate(q_nei(), {**LEAF_SCORES, "a1": math.inf})
        with self.assertRaisesRegex(EvaluationError, "must be a FactorTree"):
            evaluate({"key": "Q内"}, LEAF_SCORES)  # type: ignore[arg-type]


class WeightedScoreTests(unittest.TestCase):
    def test_by_hand(self) -> None:
        # 0.5·80 + 0.3·90 + 0.2·70 = 40 + 27 + 14 = 81.
        self.assertAlmostEqual(
            weighted_score([80, 90, 70], [0.5, 0.3, 0.2]), 81.0, places=12
        )
        self.assertAlmostEqual(weighted_score(np.array([4.0]), np.array([1.0])), 4.0)

    def test_refusals(self) -> None:
        cases: list[tuple[str, object, object, str]] = [
            ("lengths", [1, 2], [1.0], "2 scores but 1 weights"),
            ("sum", [1, 2], [0.5, 0.4], "weights sum to 0.9, not 1"),
            ("negative", [1, 2], [1.5, -0.5], "weight 1 is -0.5"),
            ("empty", [], [], "no scores"),
            ("NaN score", [math.nan], [1.0], r"scores\[0\] is nan"),
            ("text", ["80"], [1.0], r"scores\[0\] = '80' is not a number"),
        ]
        for why, s, w, fragment in cases:
            with self.subTest(why), self.assertRaisesRegex(EvaluationError, fragment):
                weighted_score(s, w)  # type: ignore[arg-type]

    def test_composite_refusals(self) -> None:
        parts = {"Qa": 86.0, "Qb": 80.0}
        cases: list[tuple[str, dict[str, float], str]] = [
            ("sum", {"Qa": 0.5, "Qb": 0.4}, "coefficients sum to 0.9, not 1"),
            ("missing score", {"Qa": 0.5, "Qc": 0.5}, "no score for 'Qc'"),
            ("negative", {"Qa": 1.2, "Qb": -0.2}, r"coefficients\['Qb'\] is -0.2"),
            ("empty", {}, "coefficients is empty"),
        ]
        for why, coefficients, fragment in cases:
            with self.subTest(why), self.assertRaisesRegex(EvaluationError, fragment):
                composite(parts, coefficients)


# -- Cronbach's alpha ------------------------------------------------------------

# Bock & Lieberman (1970): LSAT section 6, response pattern (items 1–5) → count.
LSAT6 = {
    "00000": 3, "00001": 6, "00010": 2, "00011": 11, "00100": 1, "00101": 1,
    "00110": 3, "00111": 4, "01000": 1, "01001": 8, "01010": 0, "01011": 16,
    "01100": 0, "01101": 3, "01110": 2, "01111": 15, "10000": 10, "10001": 29,
    "10010": 14, "10011": 81, "10100": 3, "10101": 28, "10110": 15, "10111": 80,
    "11000": 16, "11001": 56, "11010": 21, "11011": 173, "11100": 11, "11101": 61,
    "11110": 28, "11111": 298,
}  # fmt: skip


def lsat6_rows() -> list[list[float]]:
    return [[float(c) for c in p] for p, count in LSAT6.items() for _ in range(count)]


class CronbachAlphaTests(unittest.TestCase):
    def test_lsat6_published_alpha(self) -> None:
        rows = lsat6_rows()
        # The data are typed right if they reproduce the published counts.
        self.assertEqual(len(rows), 1000)
        proportions = [round(math.fsum(r[j] for r in rows) / 1000, 3) for j in range(5)]
        self.assertEqual(proportions, [0.924, 0.709, 0.553, 0.763, 0.870])
        alpha = cronbach_alpha(rows)
        self.assertEqual(round(alpha, 3), 0.295)  # ltm::cronbach.alpha(LSAT)
        self.assertAlmostEqual(alpha, py_alpha_covariance(rows), places=12)

    def test_hand_examples(self) -> None:
        cases: list[tuple[str, Rows, float]] = [
            # Identical items: var_total = 4·var_i, α = 2·(1 − 2/4) = 1.
            ("parallel items", [[1, 1], [2, 2], [3, 3]], 1.0),
            # var = 5/3 for both items; totals (3,3,7,7), var 16/3;
            # α = 2·(1 − (10/3)/(16/3)) = 2·6/16 = 0.75.
            ("two items, four people", [[1, 2], [2, 1], [3, 4], [4, 3]], 0.75),
            # Items that covary negatively: item 1 (1,2,3) and item 2 (3,1,2)
            # both have var 1; totals (4,3,5) have var 1;
            # α = 2·(1 − 2/1) = −2 (α is not bounded below).
            ("negative alpha", [[1, 3], [2, 1], [3, 2]], -2.0),
        ]
        for why, rows, expected in cases:
            with self.subTest(why):
                self.assertAlmostEqual(cronbach_alpha(rows), expected, places=14)
                self.assertAlmostEqual(py_alpha_covariance(rows), expected, places=14)

    def test_respondents_with_missing_answers_are_dropped(self) -> None:
        rows: list[list[float | None]] = [[1, 2], [2, 1], [3, 4], [4, 3]]
        with_gaps: list[list[float | None]] = [
            *rows,
            [None, 3],
            [math.nan, 1],
            [5, None],
        ]
        self.assertAlmostEqual(cronbach_alpha(with_gaps), 0.75, places=14)
        array = np.array([[1, 2], [2, 1], [np.nan, 9], [3, 4], [4, 3]])
        self.assertAlmostEqual(cronbach_alpha(array), 0.75, places=14)

    def test_refusals(self) -> None:
        cases: list[tuple[str, object, str]] = [
            ("one item", [[1], [2], [3]], "at least 2 items"),
            (
                "one complete respondent",
                [[1, 2], [None, 1], [3, math.nan]],
                "1 of 3 respondents answered every item",
            ),
            ("no respondents", [], "at least 2 items"),
            ("totals do not vary", [[1, 3], [2, 2], [3, 1]], "same total score"),
            ("ragged", [[1, 2], [1, 2, 3]], "ragged: respondent 1"),
            (
                "infinite",
                [[1, 2], [math.inf, 1], [2, 2]],
                "respondent 1, column 0 is inf",
            ),
            (
                "text",
                [[1, 2], ["n/a", 1]],
                "respondent 1, column 0: 'n/a' is not a number",
            ),
        ]
        for why, rows, fragment in cases:
            with self.subTest(why), self.assertRaisesRegex(EvaluationError, fragment):
                cronbach_alpha(rows)  # type: ignore[arg-type]


# -- SERVQUAL -------------------------------------------------------------------

# Two respondents, four items: items 0–1 tangibles, 2–3 reliability (7-point).
SQ_E = [[7, 6, 7, 7], [5, 5, 6, 4]]
SQ_P = [[5, 6, 4, 6], [6, 4, 6, 5]]
SQ_DIMS = ["tangibles", "tangibles", "reliability", "reliability"]


class ServqualTests(unittest.TestCase):
    def test_hand_example_with_points_per_respondent(self) -> None:
        # Gaps P − E: respondent 0 (−2, 0, −3, −1), respondent 1 (1, −1, 0, 1).
        # Item gaps (mean): (−0.5, −0.5, −1.5, 0).
        # Dimension gaps per respondent: r0 T = −1, R = −2; r1 T = 0, R = 0.5.
        # Dimension gaps: T = −0.5, R = −0.75; unweighted = −0.625.
        # Points r0 {T 20, R 80}: 0.2·(−1) + 0.8·(−2) = −1.8;
        #        r1 {T 50, R 50}: 0.5·0 + 0.5·0.5 = 0.25; weighted = −0.775.
        points = [
            {"tangibles": 20, "reliability": 80},
            {"tangibles": 50, "reliability": 50},
        ]
        r = servqual(SQ_E, SQ_P, SQ_DIMS, points)
        self.assertEqual(r.item_gaps, (-0.5, -0.5, -1.5, 0.0))
        self.assertEqual(
            dict(r.dimension_gaps), {"tangibles": -0.5, "reliability": -0.75}
        )
        self.assertEqual(list(r.dimension_gaps), ["tangibles", "reliability"])
        self.assertAlmostEqual(r.unweighted_score, -0.625, places=15)
        assert r.weighted_score is not None
        self.assertAlmostEqual(r.weighted_score, -0.775, places=15)

    def test_one_set_of_points_for_everyone(self) -> None:
        # {T 40, R 60}: r0 0.4·(−1) + 0.6·(−2) = −1.6; r1 0 + 0.6·0.5 = 0.3;
        # mean −0.65 = 0.4·(−0.5) + 0.6·(−0.75) (the weighting is linear).
        r = servqual(SQ_E, SQ_P, SQ_DIMS, {"tangibles": 40, "reliability": 60})
        assert r.weighted_score is not None
        self.assertAlmostEqual(r.weighted_score, -0.65, places=15)
        self.assertIsNone(servqual(SQ_E, SQ_P, SQ_DIMS).weighted_score)

    def test_dimension_gap_is_the_mean_of_its_items_per_respondent(self) -> None:
        # Unequal item counts: 3 items of A, 1 of B. Respondent gaps A (3, 0, 0)
        # → mean 1, B (−2) → −2; dimension A = 1, B = −2; unweighted −0.5.
        r = servqual([[1, 1, 1, 5]], [[4, 1, 1, 3]], ["A", "A", "A", "B"])
        self.assertEqual(dict(r.dimension_gaps), {"A": 1.0, "B": -2.0})
        self.assertEqual(r.unweighted_score, -0.5)

    def test_servqual_dimensions(self) -> None:
        # Parasuraman, Zeithaml & Berry (1988): tangibles 1–4, reliability
        # 5–9, responsiveness 10–13, assurance 14–17, empathy 18–22.
        self.assertEqual(sorted(SERVQUAL_DIMENSIONS), list(range(1, 23)))
        ranges = {
            "tangibles": range(1, 5),
            "reliability": range(5, 10),
            "responsiveness": range(10, 14),
            "assurance": range(14, 18),
            "empathy": range(18, 23),
        }
        for dim, items in ranges.items():
            with self.subTest(dim):
                self.assertEqual(
                    [i for i, d in SERVQUAL_DIMENSIONS.items() if d == dim], list(items)
                )

    def test_full_questionnaire_with_the_standard_mapping(self) -> None:
        # Every perception 5, expectation 6 except reliability items (5–9),
        # expected 7: gaps −1 everywhere, −2 on reliability. Points: reliability
        # 32, the others 17 each (Σ 100): weighted = −(0.68 + 0.64) = −1.32.
        e = [[7.0 if 5 <= i <= 9 else 6.0 for i in range(1, 23)]] * 3
        p = [[5.0] * 22] * 3
        points = {
            "tangibles": 17,
            "reliability": 32,
            "responsiveness": 17,
            "assurance": 17,
            "empathy": 17,
        }
        r = servqual(e, p, SERVQUAL_DIMENSIONS, points)
        self.assertEqual(
            list(r.dimension_gaps), list(dict.fromkeys(SERVQUAL_DIMENSIONS.values()))
        )
        self.assertEqual(r.dimension_gaps["reliability"], -2.0)
        self.assertEqual(r.dimension_gaps["empathy"], -1.0)
        self.assertAlmostEqual(r.unweighted_score, -1.2, places=15)
        assert r.weighted_score is not None
        self.assertAlmostEqual(r.weighted_score, -1.32, places=15)

    def test_refusals(self) -> None:
        two = {"tangibles": 50, "reliability": 50}
        cases: list[tuple[str, tuple[object, ...], str]] = [
            (
                "shapes",
                (SQ_E, [[5, 6, 4]], SQ_DIMS),
                "perceptions 1 × 3; they must match",
            ),
            (
                "dimension count",
                (SQ_E, SQ_P, SQ_DIMS[:3]),
                "names 3 items, the answers have 4",
            ),
            ("a string", (SQ_E, SQ_P, "tangibles"), "one dimension per item"),
            (
                "mapping numbers",
                (SQ_E, SQ_P, {1: "A", 2: "A", 3: "B", 5: "B"}),
                r"missing \[4\], not items \[5\]",
            ),
            (
                "no dimension",
                (SQ_E, SQ_P, ["A", "", "B", "B"]),
                "item 1 has no dimension name",
            ),
            (
                "points sum",
                (SQ_E, SQ_P, SQ_DIMS, [two, {"tangibles": 50, "reliability": 40}]),
                r"importance_points\[1\] sum to 90 points, not 100",
            ),
            (
                "unknown dimension",
                (SQ_E, SQ_P, SQ_DIMS, {**two, "empathy": 0}),
                "'empathy', which no item belongs to",
            ),
            (
                "missing dimension",
                (SQ_E, SQ_P, SQ_DIMS, {"tangibles": 100}),
                "gives no points to 'reliability'",
            ),
            (
                "negative points",
                (SQ_E, SQ_P, SQ_DIMS, {"tangibles": 120, "reliability": -20}),
                r"\['reliability'\] is negative",
            ),
            (
                "respondent count",
                (SQ_E, SQ_P, SQ_DIMS, [two]),
                "1 sets of importance_points for 2 respondents",
            ),
            (
                "missing answer",
                (SQ_E, [[5, None, 4, 6], [6, 4, 6, 5]], SQ_DIMS),
                "respondent 0, column 1: None is not a number",
            ),
            ("no answers", ([], [], []), "at least one respondent"),
        ]
        for why, args, fragment in cases:
            with self.subTest(why), self.assertRaisesRegex(EvaluationError, fragment):
                servqual(*args)  # type: ignore[arg-type]


# -- purity ---------------------------------------------------------------------


class NoDjangoTests(unittest.TestCase):
    def test_package_imports_no_django(self) -> None:
        code = (
            "import onestop.compute.evaluation, sys; "
            "assert not any(m == 'django' or m.startswith('django.') "
            "for m in sys.modules)"
        )
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stderr)


if __name__ == "__main__":
    unittest.main()
