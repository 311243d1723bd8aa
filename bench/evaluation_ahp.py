"""Benchmark: AHP weights and consistency for 10,000 comparison matrices.

Run from the repository root: ``.venv/bin/python bench/evaluation_ahp.py``.

What it measures, for both methods (``eigenvector`` and ``geometric``):

1. A Python loop calling ``ahp(matrix, method)`` once per matrix.
2. ``ahp_many(stack, method)`` on the whole 10,000 × 9 × 9 stack at once
   (batched repeated squaring for the eigenvector, batched row geometric
   means); best of 3 runs.

The matrices are 9×9 reciprocal matrices whose upper triangle is drawn
uniformly from Saaty's scale 1/9, 1/8, …, 1, …, 8, 9 (fixed seed): the
random matrices from which Saaty's random index is defined.

Checks printed:

- loop and vectorised results agree (weights and CR) to 1e-12;
- the eigenvector weights agree with ``numpy.linalg.eig`` on the same stack
  (an independent solver; its rate is printed for reference);
- the mean consistency index of these random matrices is close to Saaty's
  random index RI(9) = 1.45, i.e. the mean CR is close to 1, as the
  definition of RI says it should be.

How to read it: "rate" is matrices per second (higher is better); "ratio" is
vectorised rate / loop rate. Rates vary with the machine and its load.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from onestop.compute.evaluation import SAATY_RANDOM_INDEX, ahp, ahp_many

N_MATRICES = 10_000
N = 9
SEED = 20_080_101  # Saaty (2008), Int. J. Services Sciences 1(1)
SAATY_SCALE = np.array(
    [1 / k for k in range(9, 1, -1)] + list(range(1, 10)), dtype=float
)
AGREE = 1e-12

F64 = npt.NDArray[np.float64]
Method = Literal["eigenvector", "geometric"]


def random_matrices(count: int, n: int) -> F64:
    """``count`` n×n reciprocal matrices, upper triangle from Saaty's scale."""
    rng = np.random.default_rng(SEED)
    upper = np.triu_indices(n, 1)
    values = rng.choice(SAATY_SCALE, size=(count, upper[0].size))
    a = np.ones((count, n, n))
    a[:, upper[0], upper[1]] = values
    a[:, upper[1], upper[0]] = 1.0 / values
    return a


def best_of(runs: int, fn: Any) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def numpy_eig(stack: F64) -> F64:
    """Principal eigenvectors from LAPACK (numpy.linalg.eig), sum 1."""
    values, vectors = np.linalg.eig(stack)
    top = np.argmax(values.real, axis=1)
    w: F64 = np.abs(vectors.real[np.arange(len(stack)), :, top])
    w /= w.sum(axis=1, keepdims=True)
    return w


def run_method(stack: F64, method: Method) -> tuple[bool, F64]:
    t0 = time.perf_counter()
    looped = [ahp(m, method) for m in stack]
    loop_s = time.perf_counter() - t0
    batch_s, batch = best_of(3, lambda: ahp_many(stack, method))
    w_loop = np.array([r.weights for r in looped])
    cr_loop = np.array([r.consistency_ratio for r in looped])
    dw = float(np.max(np.abs(w_loop - batch.weights)))
    dcr = float(np.max(np.abs(cr_loop - batch.consistency_ratio)))
    loop_rate, batch_rate = len(stack) / loop_s, len(stack) / batch_s
    print(f"{method}:")
    print(f"  loop of ahp():       {loop_s:7.3f} s → {loop_rate:12,.0f} matrices/s")
    print(f"  ahp_many(), best of 3: {batch_s:5.3f} s → {batch_rate:12,.0f} matrices/s")
    print(f"  ratio: {batch_rate / loop_rate:,.0f}×")
    agree = dw <= AGREE and dcr <= AGREE
    print(
        f"  loop = vectorised: max |Δw| {dw:.1e}, max |ΔCR| {dcr:.1e} "
        f"→ {'ok' if agree else 'DIFFER'}"
    )
    ci = batch.consistency_index
    print(
        f"  mean CI {ci.mean():.3f} (RI(9) = {SAATY_RANDOM_INDEX[N]}), mean CR "
        f"{batch.consistency_ratio.mean():.3f}; CR ≤ 0.1 in "
        f"{int((batch.consistency_ratio <= 0.1).sum())} of {len(stack):,}"
    )
    return agree, batch.weights


def main() -> int:
    stack = random_matrices(N_MATRICES, N)
    print(
        f"{N_MATRICES:,} random {N}×{N} reciprocal matrices on Saaty's scale, seed {SEED}"
    )
    ok_eig, w_eig = run_method(stack, "eigenvector")
    ok_geo, _ = run_method(stack, "geometric")
    lapack_s, w_lapack = best_of(3, lambda: numpy_eig(stack))
    dw = float(np.max(np.abs(w_lapack - w_eig)))
    same = dw <= 1e-10
    print(
        f"reference: numpy.linalg.eig on the stack, best of 3: {lapack_s:.3f} s → "
        f"{N_MATRICES / lapack_s:,.0f} matrices/s; max |Δw| vs ahp_many {dw:.1e} "
        f"→ {'ok' if same else 'DIFFER'}"
    )
    return 0 if ok_eig and ok_geo and same else 1


if __name__ == "__main__":
    raise SystemExit(main())
