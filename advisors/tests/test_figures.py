"""Figures per fiscal year (April–March) and their CSV download."""

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone, translation

from advisors import api
from advisors.workflow import Status
from carers.dates import fiscal_year_of


def at(y, m, d):
    return timezone.make_aware(datetime(y, m, d, 12, 0))


def test_fiscal_year_boundaries():
    from datetime import date

    assert fiscal_year_of(date(2026, 3, 31)) == 2025
    assert fiscal_year_of(date(2026, 4, 1)) == 2026


@pytest.fixture
def spread(make_request, other_municipality_staff):
    make_request(submitted_at=at(2025, 4, 1), menu_items=["survey", "salon"])
    make_request(
        status=Status.COMPLETED,
        submitted_at=at(2026, 3, 31),
        menu_items=["lecture"],
        dispatch_date=date(2026, 3, 31),
    )
    make_request(
        status=Status.REJECTED, submitted_at=at(2025, 9, 1), created_by=other_municipality_staff
    )
    make_request(submitted_at=at(2026, 4, 1))  # next fiscal year
    make_request(status=Status.DRAFT)  # never submitted: not counted


@pytest.mark.django_db
def test_figures_page(client_for, prefecture_staff, spread):
    body = (
        client_for(prefecture_staff).get("/en/advisors/figures/", {"year": 2025}).content.decode()
    )
    assert "fiscal year 2025" in body
    assert "Sapporo-shi" in body and "Hakodate-shi" in body  # named in the page language


@pytest.mark.django_db
def test_csv_counts_by_municipality_state_and_menu_item(client_for, prefecture_staff, spread):
    response = client_for(prefecture_staff).get("/en/advisors/figures.csv", {"year": 2025})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = response.content.decode("utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw.lstrip("\ufeff"))))
    header = rows[0]
    by_code = {r[1]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    sapporo, hakodate, total = by_code["011002"], by_code["012025"], by_code[""]
    assert (sapporo["Submitted"], sapporo["Completed"], sapporo["Total"]) == ("1", "1", "2")
    assert sapporo["Lecturer or facilitator at a symposium or lecture"] == "1"
    assert (hakodate["Rejected"], hakodate["Total"]) == ("1", "1")
    assert total["Total"] == "3"
    assert "Draft" not in header


@pytest.mark.django_db
def test_dashboard_counts(make_request):
    make_request()
    make_request(status=Status.SCHEDULED)
    from django.utils import translation

    with translation.override("en"):
        counts = dict(api.dashboard_counts())
    assert counts["Requests awaiting review"] == 1
    assert counts["Scheduled dispatches to come"] == 1
    assert all(isinstance(v, int) for v in counts.values())


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["municipal_staff", "advisor_user"])
def test_figures_are_for_prefecture_staff(request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get("/advisors/figures/").status_code == 404
    assert client.get("/advisors/figures.csv").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["0", "-5", "99999", "10000", "abc"])
def test_figures_out_of_range_year_shows_the_current_year(client_for, prefecture_staff, year):
    client = client_for(prefecture_staff)
    current = fiscal_year_of(timezone.localdate())
    page = client.get("/en/advisors/figures/", {"year": year})
    assert page.status_code == 200
    assert f"fiscal year {current}" in page.content.decode()
    download = client.get("/en/advisors/figures.csv", {"year": year})
    assert download.status_code == 200
    assert f"fy{current}.csv" in download["Content-Disposition"]


@pytest.mark.django_db
def test_a_report_filed_before_the_visit_does_not_count_as_completed(
    make_request, prefecture_staff, client_for
):
    """Before the report-date rule a report could be filed early: such a
    request counts as scheduled until its dispatch date has come."""
    from advisors import figures

    today = timezone.localdate()
    make_request(status=Status.COMPLETED, dispatch_date=today + timedelta(days=50))
    make_request(status=Status.COMPLETED, dispatch_date=today - timedelta(days=1))
    year = fiscal_year_of(timezone.localtime(timezone.now() - timedelta(days=2)).date())
    data = figures.tables(year)
    by_status = dict(zip(data["statuses"], data["totals"][0], strict=True))
    assert by_status[Status.COMPLETED] == 1
    assert by_status[Status.SCHEDULED] == 1
    with translation.override("en"):
        counts = dict(api.dashboard_counts())
    # Only yesterday's visit counts (when yesterday was in this fiscal year).
    assert counts["Dispatches completed this fiscal year"] == int(
        fiscal_year_of(today - timedelta(days=1)) == fiscal_year_of(today)
    )
