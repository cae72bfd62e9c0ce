"""Writes GA4 shards day by day and counts, from the rows actually written, every kind of mess.

Late arrival: a row of day ``d`` is in the shard only if it arrived before the end of --as-of.
The newest day (--as-of) is written as an intraday shard only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from sam.demo import events as ev
from sam.demo.journeys import DAY_US, day_start_us
from sam.demo.parquet import write_parquet
from sam.ga4.schema import ShardKind, export_schema, shard_filename

EPOCH = dt.date(1970, 1, 1)


class ShardWriter:
    """Collects rows per event day; writes a day once no later session can add to it."""

    def __init__(self, ga4_dir: Path, start: dt.date, as_of: dt.date) -> None:
        self.dir = ga4_dir
        self.start, self.as_of = start, as_of
        self.cutoff_us = day_start_us(as_of) + DAY_US
        self.pending: dict[int, list[pa.Table]] = defaultdict(list)
        self.written: list[str] = []
        self.rows_by_file: dict[str, int] = {}
        self.events_by_name: Counter[str] = Counter()
        self.mess: Counter[str] = Counter()
        self._crossing: dict[int, set[int]] = defaultdict(set)
        self._devices: dict[int, set[int]] = defaultdict(set)

    def add(self, table: pa.Table) -> None:
        days = table.column("_day").to_numpy()
        order = np.argsort(days, kind="stable")
        if not (order[1:] > order[:-1]).all():
            table, days = table.take(pa.array(order)), days[order]
        uniq, first = np.unique(days, return_index=True)
        bounds = list(first) + [len(days)]
        for i, d in enumerate(uniq):
            self.pending[int(d)].append(table.slice(bounds[i], bounds[i + 1] - bounds[i]))

    def flush(self, through: dt.date) -> None:
        """Write every pending day up to ``through`` (inclusive)."""
        last = (through - EPOCH).days
        for d in sorted(k for k in self.pending if k <= last):
            parts = self.pending.pop(d)
            day = EPOCH + dt.timedelta(days=d)
            if day < self.start or day > self.as_of:
                continue  # before the export starts / not happened yet
            self._write(day, pa.concat_tables(parts))

    def _write(self, day: dt.date, table: pa.Table) -> None:
        arrival = table.column("_arrival").to_numpy()
        keep = arrival < self.cutoff_us
        if not keep.all():
            self.mess["events_not_yet_arrived"] += int((~keep).sum())
            table = table.filter(pa.array(keep))
        kind = ShardKind.INTRADAY if day == self.as_of else ShardKind.DAILY
        name = shard_filename(day, kind)
        write_parquet(
            ev.to_shard(table, export_schema(day, kind)),
            self.dir / name,
            statistics=["event_date", "event_timestamp", "event_name", "user_pseudo_id"],
        )
        self.written.append(name)
        self.rows_by_file[name] = table.num_rows
        self._count(table, kind)

    def _count(self, t: pa.Table, kind: ShardKind) -> None:
        names = t.column("event_name").to_numpy(zero_copy_only=False)
        dup = t.column("_dup").to_numpy()
        flags = t.column("_flags").to_numpy()
        self.events_by_name.update(Counter(names.tolist()))
        m = self.mess
        m["events"] += t.num_rows
        m[f"events_{kind.name.lower()}"] += t.num_rows
        m["duplicate_events"] += int(dup.sum())
        m["late_events_written"] += int(((flags & ev.F_LATE) != 0).sum())
        cookieless = (flags & ev.F_COOKIELESS) != 0
        m["cookieless_events"] += int(cookieless.sum())
        m["cookieless_pings"] += int((cookieless & (names == "page_view") & ~dup).sum())
        starts = (names == "session_start") & ~dup & ~cookieless
        m["sessions"] += int(starts.sum())
        m["gclid_as_organic_sessions"] += int((starts & ((flags & ev.F_GCLID_ORGANIC) != 0)).sum())
        m["mixed_case_utm_sessions"] += int((starts & ((flags & ev.F_MIXED_CASE) != 0)).sum())
        m["referral_spam_sessions"] += int((starts & ((flags & ev.F_SPAM) != 0)).sum())
        m["events_with_user_id"] += int(pc.sum(pc.is_valid(t.column("user_id"))).as_py() or 0)
        cross = np.flatnonzero((flags & ev.F_CROSSING) != 0)
        if len(cross):
            suid = t.column("_suid").to_numpy()[cross]
            day = t.column("_day").to_numpy()[cross]
            for s, d in set(zip(suid.tolist(), day.tolist(), strict=True)):
                self._crossing[s].add(d)
        known = t.column("_known").to_numpy()
        k = np.flatnonzero(known >= 0)
        if len(k):
            slots = t.column("_slot").to_numpy()[k]
            for person, slot in set(zip(known[k].tolist(), slots.tolist(), strict=True)):
                self._devices[person].add(slot)

    def finish(self) -> dict[str, int]:
        m = self.mess
        m["midnight_sessions"] = sum(1 for days in self._crossing.values() if len(days) > 1)
        m["multi_device_users"] = sum(1 for slots in self._devices.values() if len(slots) > 1)
        m["users_with_user_id"] = len(self._devices)
        return dict(sorted(m.items()))
