"""Markov removal effects and simplified Shapley: the project's SQL (macros/attribution/, rendered
by dbt) on the reference's published toy examples and on random small inputs checked against
independent Python computations (numpy's LU solve of the absorbing chain; the factorial Shapley
value). Expected toy figures are those of docs/attribution (Anderl et al. 2016, Zhao et al. 2018).
"""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from attribution_sql import Journey, render_macros, rows, run

TOL = 1e-9


@pytest.fixture(scope="module")
def sql(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return render_macros(tmp_path_factory.mktemp("attribution-sql"))


def removal_effects(con: object, conversion_type: str = "closed_won") -> dict[str, float]:
    return dict(
        rows(  # type: ignore[arg-type]
            con,
            "select channel, removal_effect from removal_effects "
            f"where conversion_type = '{conversion_type}'",
        )
    )


def channel_credits(con: object, column: str = "attributed_conversions") -> dict[str, float]:
    return dict(rows(con, f"select channel, {column} from channel_credits"))  # type: ignore[arg-type]


def full_probability(con: object) -> float:
    (value,) = rows(  # type: ignore[arg-type]
        con,
        "select conversion_probability from state_probabilities "
        "where removed_channel = '(none)' and state = '(start)'",
    )[0]
    return float(value)


def assert_close(actual: dict[str, float], expected: dict[str, float]) -> None:
    assert actual.keys() == expected.keys()
    for key, value in expected.items():
        assert actual[key] == pytest.approx(value, abs=TOL), key


def credit_sums(con: object, table: str) -> list[float]:
    return [
        float(total)
        for (total,) in rows(  # type: ignore[arg-type]
            con, f"select sum(credit) from {table} group by conversion_type, conversion_id"
        )
    ]


# --- the reference's toy examples ---------------------------------------------------------------

TOY_A = [
    Journey(["google ads"], True, 100.0),
    Journey(["google ads"], True, 100.0),
    Journey(["google ads"], False),
    Journey(["mailing"], True, 100.0),
    Journey(["google ads", "mailing"], True, 100.0),
]
TOY_B = [
    Journey(["C1", "C2", "C3"], True, 30.0),
    Journey(["C1"], False),
    Journey(["C2", "C3"], False),
]
TOY_C = [
    Journey(list("ABABBA"), True, 1.0),
    Journey(list("ABBAA"), True, 1.0),
    Journey(list("AA"), True, 1.0),
]


def test_toy_a_markov(sql: dict[str, str]) -> None:
    con = run(sql, TOY_A)
    assert full_probability(con) == pytest.approx(0.8, abs=TOL)
    assert_close(removal_effects(con), {"google ads": 0.75, "mailing": 0.5})
    assert_close(channel_credits(con), {"google ads": 2.4, "mailing": 1.6})
    assert_close(channel_credits(con, "attributed_value"), {"google ads": 240.0, "mailing": 160.0})


def test_toy_b_markov(sql: dict[str, str]) -> None:
    con = run(sql, TOY_B)
    assert full_probability(con) == pytest.approx(1 / 3, abs=TOL)
    assert_close(removal_effects(con), {"C1": 0.5, "C2": 1.0, "C3": 1.0})
    assert_close(channel_credits(con), {"C1": 0.2, "C2": 0.4, "C3": 0.4})


def test_toy_c_markov_repeats_and_loops(sql: dict[str, str]) -> None:
    con = run(sql, TOY_C)
    assert full_probability(con) == pytest.approx(1.0, abs=TOL)
    assert_close(removal_effects(con), {"A": 1.0, "B": 0.5})
    assert_close(channel_credits(con), {"A": 2.0, "B": 1.0})


def test_toy_a_shapley_and_per_conversion_markov(sql: dict[str, str]) -> None:
    con = run(sql, TOY_A)
    shapley = dict(rows(con, "select channel, sum(credit) from credits_shapley group by channel"))
    assert_close(shapley, {"google ads": 2.5, "mailing": 1.5})
    # Per conversion, google ads > mailing is split 0.75 : 0.5 (their removal effects).
    markov = dict(
        rows(con, "select touchpoint_id, credit from credits_markov where conversion_id = 'j5'")
    )
    assert_close(markov, {"j5-t1": 0.6, "j5-t2": 0.4})


def test_touches_of_one_channel_share_its_credit_and_untouched_conversions(
    sql: dict[str, str],
) -> None:
    """TOY_C's first journey A>B>A>B>B>A: A and B get 1/2 each under shapley, spread over 3
    touches each; under markov 1 : 0.5 -> A 2/3, B 1/3. A conversion without touches is not in
    the chain nor in the credit models (fct_attribution_credits gives it '(no web touch)'), but
    the channel report counts it under '(no web touch)'."""
    con = run(sql, TOY_C, untouched_conversions=[("closed_won", "lonely", 7.0)])
    shapley = rows(
        con, "select channel, credit from credits_shapley where conversion_id = 'j1' order by all"
    )
    assert [c for c, _ in shapley] == ["A"] * 3 + ["B"] * 3
    assert all(credit == pytest.approx(1 / 6, abs=TOL) for _, credit in shapley)
    markov = rows(
        con, "select channel, sum(credit) from credits_markov where conversion_id = 'j1' group by 1"
    )
    assert_close(dict(markov), {"A": 2 / 3, "B": 1 / 3})
    for table in ("credits_markov", "credits_shapley"):
        assert rows(con, f"select count(*) from {table} where conversion_id = 'lonely'") == [(0,)]
    assert rows(
        con,
        "select removal_effect, attributed_conversions, attributed_value from channel_credits "
        "where channel = '(no web touch)'",
    ) == [(None, 1.0, 7.0)]
    assert_close(channel_credits(con), {"A": 2.0, "B": 1.0, "(no web touch)": 1.0})
    assert_close(removal_effects(con), {"A": 1.0, "B": 0.5})


# --- random inputs against independent computations ---------------------------------------------


def random_journeys(seed: int, channels: int, journeys: int) -> list[Journey]:
    rng = random.Random(seed)
    names = [f"ch{i}" for i in range(channels)]
    out = []
    for _ in range(journeys):
        length = rng.randint(1, 6)
        path = [rng.choice(names) for _ in range(length)]
        converting = rng.random() < 0.4
        out.append(Journey(path, converting, round(rng.uniform(1, 1000), 2)))
    return out


def numpy_removal_effects(journeys: Sequence[Journey]) -> tuple[float, dict[str, float]]:
    """P(conversion) and each channel's removal effect, solving (I - Q) v = b with numpy."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for journey in journeys:
        path = [c for i, c in enumerate(journey.channels) if i == 0 or journey.channels[i - 1] != c]
        states = ["(start)", *path, "(conversion)" if journey.converting else "(null)"]
        for a, b in itertools.pairwise(states):
            counts[a][b] += 1
    channels = sorted({c for j in journeys for c in j.channels})
    index = {c: i for i, c in enumerate(channels)}

    def probability(removed: str | None) -> float:
        n = len(channels)
        matrix = np.eye(n)
        rhs = np.zeros(n)
        for c in channels:
            if c == removed:
                continue
            total = sum(counts[c].values())
            for target, count in counts[c].items():
                if target == "(conversion)":
                    rhs[index[c]] += count / total
                elif target in index and target != removed:
                    matrix[index[c], index[target]] -= count / total
        v = np.linalg.solve(matrix, rhs)
        start_total = sum(counts["(start)"].values())
        return float(
            sum(n * v[index[c]] for c, n in counts["(start)"].items() if c != removed) / start_total
        )

    full = probability(None)
    return full, {c: 1 - probability(c) / full for c in channels}


def factorial_shapley(journeys: Sequence[Journey]) -> dict[str, float]:
    """The textbook Shapley value of v(S) = sum over T subset of S of R(T), R(T) = conversions
    of the converting journeys whose set of distinct channels is exactly T."""
    coalitions = Counter(frozenset(j.channels) for j in journeys if j.converting)
    players = sorted({c for j in journeys if j.converting for c in j.channels})
    n = len(players)

    def worth(members: frozenset[str]) -> float:
        return float(sum(r for t, r in coalitions.items() if t <= members))

    phi = {}
    for player in players:
        others = [p for p in players if p != player]
        total = 0.0
        for size in range(n):
            weight = math.factorial(size) * math.factorial(n - size - 1) / math.factorial(n)
            for subset in itertools.combinations(others, size):
                members = frozenset(subset)
                total += weight * (worth(members | {player}) - worth(members))
        phi[player] = total
    return phi


@pytest.mark.parametrize("seed", range(6))
def test_random_inputs_match_independent_computations(sql: dict[str, str], seed: int) -> None:
    journeys = random_journeys(seed, channels=3 + seed % 4, journeys=25 + 10 * seed)
    con = run(sql, journeys)

    full, expected_effects = numpy_removal_effects(journeys)
    assert full_probability(con) == pytest.approx(full, abs=TOL)
    assert_close(removal_effects(con), expected_effects)

    shapley = dict(rows(con, "select channel, sum(credit) from credits_shapley group by channel"))
    assert_close(shapley, factorial_shapley(journeys))

    conversions = sum(j.converting for j in journeys)
    for table in ("credits_markov", "credits_shapley"):
        sums = credit_sums(con, table)
        assert len(sums) == conversions
        assert all(s == pytest.approx(1.0, abs=TOL) for s in sums), table
    total_value = sum(j.value for j in journeys if j.converting)
    (credited,) = rows(con, "select sum(credited_value) from credits_markov")[0]
    assert credited == pytest.approx(total_value, rel=1e-12)
    (attributed,) = rows(con, "select sum(attributed_conversions) from channel_credits")[0]
    assert attributed == pytest.approx(conversions, abs=TOL)


def test_two_conversion_types_are_separate_chains(sql: dict[str, str]) -> None:
    """TOY_A as 'mql' and TOY_B as 'sql' in one table give each type its own toy answer."""
    mql = [Journey(j.channels, j.converting, j.value, "mql") for j in TOY_A]
    sql_stage = [Journey(j.channels, j.converting, j.value, "sql") for j in TOY_B]
    con = run(sql, mql + sql_stage)
    assert_close(removal_effects(con, "mql"), {"google ads": 0.75, "mailing": 0.5})
    assert_close(removal_effects(con, "sql"), {"C1": 0.5, "C2": 1.0, "C3": 1.0})


def test_more_channels_than_the_cap_give_null_not_a_wrong_answer(tmp_path: Path) -> None:
    """With sam_markov_max_channels = 2 a 3-channel chain cannot be eliminated: its probabilities
    are NULL (and assert_markov_channels_within_elimination_cap fails the build)."""
    small = render_macros(tmp_path, {"sam_markov_max_channels": 2})
    con = run(small, TOY_B)
    assert rows(con, "select count(*), count(conversion_probability) from state_probabilities")[
        0
    ] == (16, 0)
    con = run(small, TOY_A)  # two channels: within the cap, still exact
    assert_close(removal_effects(con), {"google ads": 0.75, "mailing": 0.5})
