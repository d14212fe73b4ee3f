"""Japanese search over imported providers: two-character words, kana and
width variants, relevance then distance from the chosen municipality; the
search index follows ORM edits."""

import pytest

from services import fakedata, kaigo_import, search
from services.models import Origin, SearchEntry, Service
from services.tests.test_kaigo_import import row, to_csv

pytestmark = pytest.mark.django_db
URL = "/services/"
ASAHIKAWA = "012041"


def names(response):
    return [s.name_ja for s in response.context["page"].object_list]


@pytest.fixture
def providers(content):
    near = row()  # 旭川市 centre
    far = row(
        **{
            "事業所番号": "0170000002",
            "事業所名": "架空とおく訪問介護センター",
            "事業所名カナ": "カクウトオクホウモンカイゴセンター",
            "緯度": "43.95",
            "経度": "142.60",
        }
    )
    stay = row(
        **{
            "事業所番号": "0170000003",
            "事業所名": "架空ゆきのショートステイ",
            "事業所名カナ": "カクウユキノショートステイ",
            "サービスの種類": "短期入所生活介護",
        }
    )
    care = row(
        **{
            "事業所番号": "0170000004",
            "事業所名": "架空みどり苑",
            "事業所名カナ": "カクウミドリエン",
            "サービスの種類": "居宅介護支援",
        }
    )
    kaigo_import.import_file(to_csv([near, far, stay, care]), "x.csv")


@pytest.mark.parametrize("query", ["訪問", "介護", "かいご", "ｶｲｺﾞ", "カイゴ"])
def test_two_characters_and_kana_width_variants(visitor, providers, query):
    found = names(visitor.get(URL, {"q": query, "municipality": ASAHIKAWA}))
    assert "架空あさひ訪問介護センター" in found


def test_half_width_katakana_short_stay(visitor, providers):
    found = names(visitor.get(URL, {"q": "ｼｮｰﾄｽﾃｲ", "municipality": ASAHIKAWA}))
    assert "架空ゆきのショートステイ" in found
    # The name says it: ranked before entries that match only in the type's words.
    imported = [n for n in found if n.startswith("架空")]
    assert imported[0] == "架空ゆきのショートステイ"


def test_relevance_then_distance(visitor, providers):
    found = names(visitor.get(URL, {"q": "訪問", "municipality": ASAHIKAWA}))
    imported = [n for n in found if n.startswith("架空")]
    # Both have 訪問 in the name: the one at the city's centre first.
    assert imported[:2] == ["架空あさひ訪問介護センター", "架空とおく訪問介護センター"]
    # 居宅介護支援 matches かいご only through its type: after the name matches.
    found = names(visitor.get(URL, {"q": "かいご", "municipality": ASAHIKAWA}))
    assert found.index("架空みどり苑") > found.index("架空とおく訪問介護センター")


def test_other_prefectures_are_not_listed_without_a_municipality(visitor, content):
    tokyo = row(
        **{
            kaigo_import.CODE: "131016",
            "事業所番号": "1370000001",
            "事業所名": "架空ちよだ訪問介護",
        }
    )
    kaigo_import.import_file(to_csv([row(), tokyo]), "x.csv")
    found = names(visitor.get(URL, {"q": "訪問介護"}))
    assert "架空あさひ訪問介護センター" in found and "架空ちよだ訪問介護" not in found
    # Still searchable for that municipality (e.g. by another prefecture's portal).
    from carers.models import Municipality

    chiyoda = Municipality.objects.get(code="131016")
    ids = list(
        search.entries(query="訪問介護", municipality=chiyoda).values_list("service_id", flat=True)
    )
    assert Service.objects.get(office_number="1370000001").pk in ids


def test_index_follows_imports_and_orm_edits(tmp_path, content):
    paths = fakedata.write_kaigo_files(tmp_path, 50, seed=2, prefecture_codes=["01"])
    kaigo_import.import_paths(paths)
    imported = Service.objects.filter(origin=Origin.KAIGO)
    assert SearchEntry.objects.filter(service__in=imported).count() == imported.count()
    service = imported.first()
    service.keywords = "とくべつなことば"
    service.save()
    assert "とくべつなことば" in SearchEntry.objects.get(service=service).text
    service.municipalities.set(["012025"])
    assert SearchEntry.objects.get(service=service).areas == ["012025"]
    SearchEntry.objects.all().delete()
    search.refresh()
    assert SearchEntry.objects.count() == Service.objects.count()


def test_index_rows_of_one_prefecture_are_written_side_by_side(tmp_path, content):
    """A prefecture-wide search reads the index rows of one prefecture: an
    import writes them next to each other, not one table page per row."""
    from django.db import connection

    def physical_order():
        with connection.cursor() as cursor:
            cursor.execute("SELECT prefectures, ctid FROM services_searchentry ORDER BY ctid")
            rows = cursor.fetchall()
        pages = {str(ctid).strip("()").split(",")[0] for _p, ctid in rows}
        return [tuple(row[0]) for row in rows], len(pages)

    def empty_index():
        # A new, empty file (rolled back with the test): rows land in the
        # order they are written, not in free space left by other tests.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("TRUNCATE services_searchentry")

    paths = fakedata.write_kaigo_files(tmp_path, 600, seed=5, prefecture_codes=["13", "01", "27"])
    empty_index()
    kaigo_import.import_paths(paths)
    physical, pages = physical_order()
    assert set(physical) == {("01",), ("13",), ("27",)}
    # Each file (one service type) writes one run per prefecture; a short row
    # may still fill the end of an earlier page (a run more per page at most).
    assert _runs(physical) <= 3 * len(paths) + pages
    empty_index()
    search.refresh()
    rebuilt, pages = physical_order()
    assert len(rebuilt) > len(physical)  # the built-in national entries too
    assert _runs(rebuilt) <= len(set(rebuilt)) + 2 * pages


def _runs(values):
    return 1 + sum(1 for a, b in zip(values, values[1:], strict=False) if a != b)
