"""A world for the open-data tests: the built-in and demo catalogue, extra
services and windows (imported, draft, expired, without a phone), salons with
sessions (in person, online, cancelled, past), completed and open dispatches,
self-check tallies, and personal data that must never be published.

Every string of personal data seeded is collected in ``world["secrets"]``.
"""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

PREFECTURE = "010006"
SAPPORO = "011002"
HAKODATE = "012025"
ASAHIKAWA = "012041"
AREAS = (PREFECTURE, SAPPORO, HAKODATE)


@pytest.fixture(autouse=True)
def _japanese():
    from django.utils import translation

    with translation.override("ja"):
        yield


def _service(
    name, categories, *, code, address, phone="011-111-2222", lat=43.06, lng=141.35, **extra
):
    from services.models import Location, Organization, Service, ServiceAtLocation, TaxonomyTerm

    org, _ = Organization.objects.get_or_create(
        name_ja=extra.pop("org_name", "社会福祉法人ささえあい会（架空）"),
        defaults={"email": "office@sasaeai.example.jp"},
    )
    service = Service.objects.create(
        name_ja=name,
        summary_ja=extra.pop("summary_ja", "架空の事業所です。"),
        organization=org,
        scope="municipal",
        audiences=["carers"],
        phone=phone,
        email=extra.pop("email", "window@example.jp"),
        contact_ja=extra.pop("contact_ja", "担当 架空太郎"),
        **extra,
    )
    service.categories.set(TaxonomyTerm.objects.filter(code__in=categories))
    location = Location.objects.create(
        organization=org,
        name_ja=name,
        municipality_id=code,
        address_ja=address,
        latitude=lat,
        longitude=lng,
    )
    ServiceAtLocation.objects.create(service=service, location=location)
    return service


def _session(salon, start, hours=2, **extra):
    from salons.models import Session

    return Session.objects.create(
        salon=salon, starts_at=start, ends_at=start + timedelta(hours=hours), **extra
    )


def _at(days, hour=14):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(timezone.datetime.combine(day, time(hour, 0)))


@pytest.fixture
def world(db, organiser, municipal_staff, resident, advisor_user):
    from advisors.models import Advisor, DispatchReport, DispatchRequest, MenuItem
    from advisors.workflow import Status
    from portal.models import SelfCheckTally
    from salons.models import Registration, RegistrationStatus, Salon, SalonStatus, SessionStatus
    from services import demo

    demo.load({})
    secrets = [
        organiser.email,
        municipal_staff.email,
        resident.email,
        advisor_user.email,
        municipal_staff.display_name,
    ]

    # --- Catalogue -------------------------------------------------------------------------
    _service(
        "ケアプランセンターひまわり（架空）",
        ("long_term_care",),
        code=SAPPORO,
        address="中央区北1条西2丁目",
        source="厚生労働省 介護サービス情報公表システム オープンデータ（加工して作成）",
    )
    _service(
        "デイサービス〜はまなす〜（架空）",
        ("long_term_care",),
        code=HAKODATE,
        address="北海道函館市本町1-1",
        lat=41.77,
        lng=140.73,
    )
    _service(
        "電話のない事業所（架空）", ("long_term_care",), code=SAPPORO, address="北区1", phone=""
    )
    _service(
        "下書きの事業所（架空）", ("long_term_care",), code=SAPPORO, address="北区2", status="draft"
    )
    _service(
        "掲載終了の事業所（架空）",
        ("long_term_care",),
        code=SAPPORO,
        address="北区3",
        visible_until=timezone.localdate() - timedelta(days=1),
    )
    _service(
        "旭川市介護者相談窓口（架空）",
        ("consultation",),
        code=ASAHIKAWA,
        address="6条通9丁目",
        lat=43.77,
        lng=142.36,
    )

    # --- Salons and sessions ---------------------------------------------------------------
    def salon(name, code, **extra):
        s = Salon(
            organiser=organiser,
            name=name,
            description="介護をしている人が集まって話す場です（架空）。\n初めての人も歓迎。",
            organising_body="ひだまりの会（架空）",
            municipality_id=code,
            is_in_person=code is not None,
            venue_address=extra.pop("venue_address", "札幌市中央区 地区センター 会議室"),
            venue_access="地下鉄大通駅から徒歩5分",
            barrier_free_notes="車椅子可、多目的トイレあり",
            is_online=code is None,
            audiences=["all"],
            contact="代表 佐藤 秘密子 private-organiser@example.jp 090-1234-5678",
            status=extra.pop("status", SalonStatus.PUBLISHED),
            **extra,
        )
        s.search_text = s.build_search_text()
        s.save()
        return s

    cafe = salon("ケアラーズカフェ ひだまり", SAPPORO)
    hakodate_cafe = salon(
        "はこだて介護者のつどい", HAKODATE, venue_address="函館市 地域交流センター"
    )
    online = salon("ヤングケアラーのオンラインサロン", None, venue_address="")
    pending = salon("承認待ちのサロン", SAPPORO, status=SalonStatus.PENDING)
    secrets += ["private-organiser@example.jp", "090-1234-5678", "佐藤 秘密子"]

    upcoming = _session(cafe, _at(3), capacity=10, note="今回は第2会議室です")
    _session(cafe, _at(10), status=SessionStatus.CANCELLED, cancelled_at=timezone.now())
    _session(cafe, _at(400))  # beyond 12 months
    _session(hakodate_cafe, _at(5))
    meeting = "https://meet.example.jp/secret-room-4242"
    online_session = _session(online, _at(7, 19), is_online=True, meeting_url=meeting)
    _session(pending, _at(4))
    secrets.append(meeting)
    # Held sessions (for the figures): six in Sapporo, two in Hakodate, last fiscal year-ish.
    for days in range(1, 7):
        _session(cafe, _at(-7 * days))
    for days in (1, 2):
        _session(hakodate_cafe, _at(-7 * days))

    for session, nickname, email in (
        (upcoming, "ひまわりさん", "participant-one@example.jp"),
        (online_session, "よる", "young-carer@example.jp"),
    ):
        Registration.objects.create(
            session=session,
            nickname=nickname,
            guest_email=email,
            status=RegistrationStatus.CONFIRMED,
        )
        secrets += [nickname, email]

    # --- Case records ------------------------------------------------------------------------
    from carers.tests import conftest as cases

    cases.make_household(municipal_staff)
    secrets += [cases.SECRET_NOTE, cases.CARER_NAME, cases.RECIPIENT_NAME, cases.REFERENCE]

    # --- Advisor dispatches ------------------------------------------------------------------
    advisor = Advisor.objects.create(
        user=advisor_user, name="助言 太郎", specialties=[MenuItem.SURVEY]
    )
    fiscal = date(2025, 6, 1)

    def dispatch(code, items, status=Status.COMPLETED, day=fiscal):
        request = DispatchRequest.objects.create(
            municipality_id=code,
            created_by=municipal_staff,
            status=status,
            menu_items=items,
            purpose="実態調査",
            situation="未調査",
            preferred_date_1=day,
            expected_participants=10,
            contact_name="窓口 担当子",
            contact_phone="011-999-8888",
            contact_email="contact-person@city.example.jp",
            submitted_at=timezone.now() - timedelta(days=30),
            advisor=advisor,
            dispatch_date=day,
        )
        if status == Status.COMPLETED:
            DispatchReport.objects.create(
                request=request,
                what_was_done="講演",
                participants=30,
                outcomes="参加者の声：秘密の感想",
            )
        return request

    for _ in range(7):
        dispatch(SAPPORO, [MenuItem.LECTURE])
    for _ in range(2):
        dispatch(HAKODATE, [MenuItem.LECTURE, MenuItem.SURVEY])
    dispatch(SAPPORO, [MenuItem.PLAN], status=Status.SUBMITTED)
    secrets += [
        "窓口 担当子",
        "011-999-8888",
        "contact-person@city.example.jp",
        "秘密の感想",
        "助言 太郎",
    ]

    # --- Self-check tallies ------------------------------------------------------------------
    month = date(2026, 5, 1)
    SelfCheckTally.objects.bulk_create(
        [SelfCheckTally(municipality_id=SAPPORO, sign_count=2, month=month) for _ in range(12)]
        + [SelfCheckTally(municipality_id=HAKODATE, sign_count=0, month=month) for _ in range(3)]
    )
    return {"secrets": secrets, "cafe": cafe, "online": online}


@pytest.fixture
def fetch(client):
    """fetch(path) -> (response, body bytes) of a file."""

    def get(path, **headers):
        response = client.get(path, **headers)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response, body

    return get
