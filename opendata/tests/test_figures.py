"""Figures: counts only, counts of 1–4 suppressed (with a second count hidden
when one alone would be recoverable from the total)."""

import pytest

from opendata.datasets import SUPPRESSED, protect

from .checks import check_csv
from .conftest import HAKODATE, PREFECTURE, SAPPORO


@pytest.mark.parametrize(
    ("values", "total", "shown", "shown_total"),
    [
        ([12, 7], 19, [12, 7], 19),  # nothing small
        ([0, 9], 9, [0, 9], 9),  # zero is published
        ([3, 9, 20], 32, [SUPPRESSED, SUPPRESSED, 20], 32),  # 9 hidden too, else 32-20-9=3
        ([3, 4, 20], 27, [SUPPRESSED, SUPPRESSED, 20], 27),  # two hidden: no second needed
        ([3], 3, [SUPPRESSED], SUPPRESSED),  # the total is small itself
        ([3, 0], 3, [SUPPRESSED, 0], SUPPRESSED),
        ([2, 0, 0], 6, [SUPPRESSED, 0, 0], SUPPRESSED),  # nothing else to hide: the total goes
        ([5], 5, [5], 5),
    ],
)
def test_protect(values, total, shown, shown_total):
    assert protect(values, total) == (shown, shown_total)


@pytest.mark.django_db
def test_dispatch_figures_count_completed_dispatches_by_menu_item(world, fetch):
    rows = check_csv("dispatches", fetch(f"/opendata/{PREFECTURE}/dispatches.csv")[1])
    table = {
        (r["都道府県コード又は市区町村コード"], r["支援メニュー"]): r["派遣件数"] for r in rows
    }
    lecture = "シンポジウム・講演会の講師やファシリテーター"
    survey = "地域のケアラーの実態把握の方法"
    # 7 in Sapporo and 2 in Hakodate: Hakodate's 2 is hidden, so Sapporo's 7
    # is hidden too (9 - 7 would give it away); the total 9 is shown.
    assert table[PREFECTURE, lecture] == "9"
    assert table[SAPPORO, lecture] == SUPPRESSED and table[HAKODATE, lecture] == SUPPRESSED
    assert table[PREFECTURE, survey] == SUPPRESSED
    # The submitted (not completed) request for plan drafting is not counted.
    assert not any("計画" in r["支援メニュー"] for r in rows)
    assert {r["年度"] for r in rows} == {"2025"}
    assert all(r["備考"] == "合計" for r in rows if r["市区町村名"] == "")


@pytest.mark.django_db
def test_salon_and_selfcheck_figures(world, fetch):
    salons = check_csv("salon_figures", fetch(f"/opendata/{PREFECTURE}/salon_figures.csv")[1])
    total = next(r for r in salons if r["備考"] == "合計")
    assert total["開催回数"] == "8"  # 6 + 2 held; cancelled and future ones not counted
    checks = check_csv("selfchecks", fetch(f"/opendata/{PREFECTURE}/selfchecks.csv")[1])
    by_code = {r["都道府県コード又は市区町村コード"]: r["実施件数"] for r in checks}
    assert by_code == {PREFECTURE: "15", SAPPORO: SUPPRESSED, HAKODATE: SUPPRESSED}
    assert {r["年月"] for r in checks} == {"2026-05"}
