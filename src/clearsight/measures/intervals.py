"""95% intervals of measure values, and their comparison with England, from maintained libraries.

- proportions: Wilson score intervals (``statsmodels.stats.proportion.proportion_confint``, ``method="wilson"``);
- counts, rates per 10,000 and ratios of a count to an exposure (cases per FTE): exact Poisson intervals
  (``statsmodels.stats.rates.confint_poisson``, ``method="exact-c"``);
- averages and medians: percentile bootstrap intervals (``scipy.stats.bootstrap``) with a fixed seed, so the same
  data always gives the same interval.

The proportion and Poisson intervals take every group of a measure at once (arrays); the bootstrap is one call a
group. ``compare`` says ``better``, ``worse`` or ``similar`` (England's figure inside the interval).
"""

from __future__ import annotations

import numpy as np

CONFIDENCE = 0.95
BOOTSTRAP_SEED = 20250401  # fixed, so intervals are reproducible
BOOTSTRAP_RESAMPLES = 999


def wilson(num: list[float], den: list[float]) -> list[tuple[float | None, float | None]]:
    """Wilson 95% intervals of ``num[i] / den[i]``; (None, None) where the denominator is 0."""
    from statsmodels.stats.proportion import proportion_confint

    n = np.asarray(den, dtype=float)
    k = np.asarray(num, dtype=float)
    ok = n > 0
    out: list[tuple[float | None, float | None]] = [(None, None)] * len(n)
    if ok.any():
        lo, hi = proportion_confint(k[ok], n[ok], alpha=1 - CONFIDENCE, method="wilson")
        p = k[ok] / n[ok]
        # The interval holds the estimate: floating point can leave 0 of n with a lower bound of 5e-17.
        lo, hi = np.minimum(np.atleast_1d(lo), p), np.maximum(np.atleast_1d(hi), p)
        for i, a, b in zip(np.flatnonzero(ok), lo, hi, strict=True):
            out[i] = (float(a), float(b))
    return out


def poisson(count: list[float], exposure: list[float]) -> list[tuple[float | None, float | None]]:
    """Exact Poisson 95% intervals of the rate ``count[i] / exposure[i]``; (None, None) where there is no exposure."""
    from statsmodels.stats.rates import confint_poisson

    c = np.asarray(count, dtype=float)
    e = np.asarray(exposure, dtype=float)
    ok = e > 0
    out: list[tuple[float | None, float | None]] = [(None, None)] * len(c)
    if ok.any():
        lo, hi = confint_poisson(c[ok], e[ok], method="exact-c", alpha=1 - CONFIDENCE)
        for i, a, b in zip(np.flatnonzero(ok), np.atleast_1d(lo), np.atleast_1d(hi), strict=True):
            out[i] = (float(a), float(b))
    return out


def bootstrap(values, statistic: str) -> tuple[float | None, float | None]:
    """A percentile bootstrap 95% interval of the ``median`` or ``mean`` of ``values`` (None for fewer than 2)."""
    from scipy.stats import bootstrap as scipy_bootstrap

    # Sorted: the database gathers a group's values in no set order, and the same seed must see the same data.
    x = np.sort(np.asarray([v for v in values if v is not None], dtype=float))
    if len(x) < 2:
        return None, None
    if np.all(x == x[0]):
        return float(x[0]), float(x[0])
    fn = np.median if statistic == "median" else np.mean
    res = scipy_bootstrap((x,), lambda a, axis: fn(a, axis=axis), vectorized=True, n_resamples=BOOTSTRAP_RESAMPLES,
                          batch=max(1, min(BOOTSTRAP_RESAMPLES, 4_000_000 // len(x))), method="percentile",
                          confidence_level=CONFIDENCE, rng=np.random.default_rng(BOOTSTRAP_SEED))
    return float(res.confidence_interval.low), float(res.confidence_interval.high)


def compare(higher_is_better: bool | None, england: float | None, value, lower, upper, history: str) -> str | None:
    """``similar`` when England's figure lies inside [lower, upper], else ``better`` or ``worse`` by the measure's
    direction; None when there is no England figure, no better direction, no interval or the history is not
    complete."""
    if higher_is_better is None or england is None or history != "complete":
        return None
    if any(x is None or isinstance(x, str) for x in (value, lower, upper)):
        return None
    if lower <= england <= upper:
        return "similar"
    council_above = lower > england
    return "better" if council_above == higher_is_better else "worse"


def method(unit: str, aggregate: str) -> str:
    """How a measure's 95% interval is worked out, in plain English (pages and docs/measures.md)."""
    if aggregate in ("median", "mean"):
        return (f"A percentile bootstrap interval of the {aggregate} ({BOOTSTRAP_RESAMPLES:,} resamples, "
                "fixed seed, scipy.stats.bootstrap)")
    if unit == "proportion":
        return "A Wilson score interval (statsmodels proportion_confint)"
    if unit in ("count", "rate_per_10000"):
        return "An exact Poisson interval of the count (statsmodels confint_poisson, exact-c)"
    return "An exact Poisson interval of the count over its denominator (statsmodels confint_poisson, exact-c)"
