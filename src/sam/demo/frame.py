"""A minimal column store: named numpy arrays of one length (sessions, pages, leads...)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[Any]


class Frame:
    """Named numpy columns of equal length."""

    def __init__(self, **cols: Array) -> None:
        self.cols: dict[str, Array] = {k: np.asarray(v) for k, v in cols.items()}

    def __getitem__(self, name: str) -> Array:
        return self.cols[name]

    def __setitem__(self, name: str, value: Array) -> None:
        self.cols[name] = np.asarray(value)

    def __len__(self) -> int:
        return len(next(iter(self.cols.values()))) if self.cols else 0

    def take(self, index: npt.ArrayLike) -> Frame:
        idx = np.asarray(index)
        return Frame(**{k: v[idx] for k, v in self.cols.items()})

    @staticmethod
    def concat(frames: Sequence[Frame] | Iterable[Frame]) -> Frame:
        parts = [f for f in frames if len(f)]
        if not parts:
            return Frame()
        return Frame(**{k: np.concatenate([f[k] for f in parts]) for k in parts[0].cols})
