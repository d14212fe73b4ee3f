"""portal.api: the opt-in self-check tally for the dashboard."""

from datetime import date

import pytest

from carers.dates import fiscal_year_of
from portal.api import dashboard_counts, selfcheck_tally
from portal.models import SelfCheckTally


@pytest.mark.parametrize(
    "day,year", [(date(2026, 4, 1), 2026), (date(2027, 3, 31), 2026), (date(2026, 3, 31), 2025)]
)
def test_fiscal_year_runs_april_to_march(day, year):
    assert fiscal_year_of(day) == year


@pytest.mark.django_db
def test_tally_counts_per_municipality_within_the_fiscal_year(municipality, other_municipality):
    rows = [
        (municipality, 0, date(2026, 4, 1)),
        (municipality, 3, date(2026, 11, 1)),
        (municipality, 2, date(2027, 3, 1)),
        (other_municipality, 1, date(2026, 5, 1)),
        (other_municipality, 6, date(2026, 3, 1)),  # previous fiscal year
    ]
    SelfCheckTally.objects.bulk_create(
        SelfCheckTally(municipality=m, sign_count=n, month=d) for m, n, d in rows
    )
    assert selfcheck_tally(2026) == [
        {
            "municipality_code": "011002",
            "municipality_name": "札幌市",
            "checks": 3,
            "signs_total": 5,
            "with_signs": 2,
        },
        {
            "municipality_code": "012025",
            "municipality_name": "函館市",
            "checks": 1,
            "signs_total": 1,
            "with_signs": 1,
        },
    ]
    assert selfcheck_tally(2025)[0]["checks"] == 1


@pytest.mark.django_db
def test_dashboard_counts_are_label_number_pairs():
    counts = dashboard_counts()
    assert len(counts) == 4 and all(isinstance(n, int) for _label, n in counts)


@pytest.mark.django_db
def test_prefecture_dashboard_shows_the_awareness_section(client_for, prefecture_staff):
    html = client_for(prefecture_staff).get("/en/dashboard/").content.decode()
    assert "Published articles" in html
