"""Deterministic randomness.

Two kinds, both derived from the user's seed only (never from --as-of, the scale of other days or
the order of work), so that a later --as-of reproduces every earlier event exactly:

- ``day_rng(seed, stream, day)``: a numpy Generator for one cohort day's draws.
- ``uniform(seed, stream, *keys)``: counter-based uniforms (splitmix64 of the keys), vectorised, for
  per-session / per-page / per-event draws that must be recomputable anywhere (e.g. a lead's
  submit time is needed by the CRM and by the GA4 events).
"""

from __future__ import annotations

import datetime as dt
import zlib

import numpy as np
import numpy.typing as npt
import pyarrow as pa

U64 = npt.NDArray[np.uint64]
F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def stream_id(name: str) -> int:
    """A stable integer for a stream name."""
    return zlib.crc32(name.encode())


def _mix(x: U64) -> U64:
    z = x + _GOLDEN
    z = (z ^ (z >> np.uint64(30))) * _M1
    z = (z ^ (z >> np.uint64(27))) * _M2
    return z ^ (z >> np.uint64(31))


def hash64(seed: int, stream: str, *keys: npt.ArrayLike) -> U64:
    """splitmix64 over (seed, stream, keys...), broadcast over the key arrays."""
    arrays = [np.asarray(k).astype(np.int64).view(np.uint64) for k in keys]
    shape = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else ()
    h = np.full(shape, np.uint64(seed & 0xFFFFFFFFFFFFFFFF), dtype=np.uint64)
    with np.errstate(over="ignore"):
        h = _mix(h ^ np.uint64(stream_id(stream)))
        for a in arrays:
            h = _mix(h ^ a)
    return h


def uniform(seed: int, stream: str, *keys: npt.ArrayLike) -> F64:
    """Uniform [0, 1) floats, one per broadcast key."""
    return (hash64(seed, stream, *keys) >> np.uint64(11)).astype(np.float64) * (2.0**-53)


def normal(seed: int, stream: str, *keys: npt.ArrayLike) -> F64:
    """Standard normal draws (Box-Muller over two counter-based uniforms)."""
    u1 = uniform(seed, stream + "/a", *keys)
    u2 = uniform(seed, stream + "/b", *keys)
    z: F64 = np.sqrt(-2.0 * np.log(np.maximum(u1, 1e-12))) * np.cos(2 * np.pi * u2)
    return z


def day_rng(seed: int, stream: str, day: dt.date) -> np.random.Generator:
    """A Generator for one stream of one day."""
    return np.random.default_rng([seed, stream_id(stream), day.toordinal()])


def weighted_index(u: F64, weights: npt.ArrayLike) -> npt.NDArray[np.int64]:
    """Map uniforms to indices of ``weights`` (inverse CDF)."""
    w = np.asarray(weights, dtype=np.float64)
    cdf = np.cumsum(w) / w.sum()
    return np.minimum(np.searchsorted(cdf, u, side="right"), len(w) - 1).astype(np.int64)


_B64 = np.frombuffer(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", dtype=np.uint8
)
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def tokens(
    seed: int, stream: str, keys: npt.ArrayLike, length: int, prefix: str = "", hexa: bool = False
) -> pa.StringArray:
    """Random-looking url-safe tokens (click ids), one per key, recomputable from the key."""
    k = np.asarray(keys, dtype=np.int64)
    n, pre = len(k), np.frombuffer(prefix.encode(), dtype=np.uint8)
    width = len(pre) + length
    h = hash64(seed, stream, k[:, None], np.arange(length, dtype=np.int64)[None, :])
    alphabet = _HEX if hexa else _B64
    chars = np.empty((n, width), dtype=np.uint8)
    chars[:, : len(pre)] = pre
    chars[:, len(pre) :] = alphabet[(h % np.uint64(len(alphabet))).astype(np.int64)]
    offsets = (np.arange(n + 1, dtype=np.int32) * width).astype(np.int32)
    return pa.StringArray.from_buffers(
        n, pa.py_buffer(offsets.tobytes()), pa.py_buffer(chars.tobytes())
    )
