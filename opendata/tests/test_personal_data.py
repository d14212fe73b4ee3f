"""Nothing personal is ever published: participants' nicknames and emails,
case records, staff names and contacts, organisers' private contacts and
meeting links are seeded (tests' ``world``), then every file of every area in
every format, the DCAT catalogue and the page are scanned for them.

The prefecture's files hold every row; a municipality's files hold a subset
of them (test_csv_files checks the codes), so the municipalities scanned are
those where data was seeded plus one without any."""

import pytest

from opendata import datasets as D

from .checks import decode
from .conftest import ASAHIKAWA, HAKODATE, PREFECTURE, SAPPORO

SCANNED = (PREFECTURE, SAPPORO, HAKODATE, ASAHIKAWA, "013030")  # 013030: 当別町, no data


def _published(fetch):
    """(path, text) of everything the open-data pages publish."""
    for code in SCANNED:
        for key in D.ALL:
            for fmt in D.FORMATS:
                path = D.file_path(code, key, fmt)
                response, body = fetch(path)
                assert response.status_code == 200, path
                text = decode(body, fmt) if fmt != "json" else body.decode("utf-8")
                yield path, text
    for path in (
        "/opendata/catalog.jsonld",
        "/opendata/",
        "/en/opendata/",
        "/opendata/?area=011002",
    ):
        response, body = fetch(path)
        assert response.status_code == 200, path
        yield path, body.decode("utf-8")


@pytest.mark.django_db
def test_no_personal_data_in_any_export(world, fetch):
    secrets = world["secrets"]
    assert len(secrets) > 20
    found, scanned, public_facts_seen = [], 0, set()
    for path, text in _published(fetch):
        scanned += 1
        found += [(path, s) for s in secrets if s in text]
        # Neither an email address of any kind nor a meeting link.
        if "@" in text.replace('"@context"', "").replace('"@id"', "").replace(
            '"@type"', ""
        ).replace('"@value"', "").replace('"@language"', ""):
            found.append((path, "an @ sign"))
        public_facts_seen |= {
            f
            for f in ("ケアラーズカフェ ひだまり", "ケアプランセンターひまわり（架空）")
            if f in text
        }
    assert scanned == len(SCANNED) * len(D.ALL) * len(D.FORMATS) + 4
    # The scan saw the public facts, so it did read the real files.
    assert public_facts_seen == {"ケアラーズカフェ ひだまり", "ケアプランセンターひまわり（架空）"}
    assert not found, found[:10]
