"""Daily FX rates to the reporting currency: a deterministic random walk around FX_BASE.

Table ``fx/fx_rates.parquet``: one row per date x currency_from, columns
``date`` (DATE), ``currency_from``, ``currency_to`` (always USD), ``rate`` (units of currency_to for
one unit of currency_from; USD -> USD is 1.0 so every amount joins).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa

from sam.demo import catalog as cat
from sam.demo.rand import normal

ANCHOR = dt.date(2020, 1, 1)  # the walk starts here, so a rate never depends on --start/--as-of
DAILY_VOL = 0.004


class Fx:
    def __init__(self, seed: int, until: dt.date) -> None:
        days = (until - ANCHOR).days + 1
        self.rates: dict[str, np.ndarray] = {}
        for i, cur in enumerate(cat.CURRENCIES):
            if cur == cat.REPORTING_CURRENCY:
                self.rates[cur] = np.ones(days)
                continue
            z = normal(seed, "fx", i, np.arange(days))
            walk = np.zeros(days)
            level = 0.0
            for k in range(days):  # mean-reverting, so rates stay near their base level
                level = 0.985 * level + DAILY_VOL * float(z[k])
                walk[k] = level
            self.rates[cur] = np.round(cat.FX_BASE[cur] * np.exp(walk), 6)

    def rate(self, currency: str, day: dt.date) -> float:
        return float(self.rates[currency][(day - ANCHOR).days])

    def table(self, start: dt.date, end: dt.date) -> pa.Table:
        days = [start + dt.timedelta(days=k) for k in range((end - start).days + 1)]
        pairs = [(d, cur) for d in days for cur in cat.CURRENCIES]
        return pa.table(
            {
                "date": pa.array([d for d, _ in pairs], pa.date32()),
                "currency_from": pa.array([c for _, c in pairs], pa.string()),
                "currency_to": pa.array([cat.REPORTING_CURRENCY] * len(pairs), pa.string()),
                "rate": pa.array([self.rate(c, d) for d, c in pairs], pa.float64()),
            }
        )
