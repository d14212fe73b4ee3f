"""Demo salons (idempotent; every row is marked ``is_demo``).

Places and schedules are invented for the demo; addresses are deliberately
vague. The monthly online salon for young carers follows the pattern many
prefectures use (a fixed weekday each month, a facilitator, nicknames only).
"""

from datetime import time

from django.conf import settings
from django.utils import timezone

from carers.models import Municipality

from .actions import rule_generate_sessions
from .models import Audience, RecurrenceKind, Salon, SalonStatus, SessionRule, Weekday

SAPPORO, HAKODATE = "011002", "012025"


def _salons(prefecture_name):
    return [
        {
            "name": f"{prefecture_name} ヤングケアラー オンラインサロン",
            "description": (
                "家族のお世話をしている10代・20代のためのオンラインのおしゃべり会です。"
                "ニックネームで参加でき、カメラ・マイクはオフでもかまいません。"
                "ファシリテーターが進行します。話したくないことは話さなくて大丈夫です。"
            ),
            "organising_body": f"{prefecture_name} 保健福祉部（デモ）",
            "municipality": None,
            "is_in_person": False,
            "is_online": True,
            "audiences": [Audience.YOUNG_CARERS],
            "fee": "無料",
            "contact": "ケアラー支援担当（デモ） young-carers@demo.kizuki.example.jp",
            "is_featured": True,
            "rule": dict(
                kind=RecurrenceKind.MONTHLY_NTH_WEEKDAY,
                weekday=Weekday.SATURDAY,
                nth=3,
                start_time=time(14, 0),
                end_time=time(15, 30),
                capacity=20,
                is_online=True,
                meeting_url="https://meet.example.jp/kizuki-young-carers-demo",
            ),
            "facilitator": "advisor",
        },
        {
            "name": "ケアラーズカフェ ひだまり",
            "description": (
                "介護をしている方、していた方が気軽に集まるカフェです。お茶を飲みながら、"
                "日々のことを話したり、情報を交換したりしています。認知症の方のご家族も歓迎します。"
            ),
            "organising_body": "ひだまりの会（デモ）",
            "municipality": SAPPORO,
            "is_in_person": True,
            "venue_address": "札幌市中央区 地区センター 会議室（デモ）",
            "venue_access": "地下鉄駅から徒歩5分",
            "barrier_free_notes": "エレベーター・多目的トイレあり。車いすで参加できます。",
            "is_online": False,
            "audiences": [Audience.ALL_CARERS, Audience.DEMENTIA_FAMILIES, Audience.WITH_CARED_FOR],
            "fee": "200円（お茶代）",
            "contact": "ひだまりの会 011-000-0000（デモ）",
            "rule": dict(
                kind=RecurrenceKind.MONTHLY_NTH_WEEKDAY,
                weekday=Weekday.TUESDAY,
                nth=2,
                start_time=time(14, 0),
                end_time=time(16, 0),
                capacity=15,
            ),
        },
        {
            "name": "働くケアラーの夜カフェ",
            "description": "仕事と介護を両立している方のための、平日夜の集まりです。会場とオンラインの両方で参加できます。",
            "organising_body": "札幌ワークケア・ネット（デモ）",
            "municipality": SAPPORO,
            "is_in_person": True,
            "venue_address": "札幌市北区 市民活動スペース（デモ）",
            "venue_access": "JR駅から徒歩7分",
            "barrier_free_notes": "段差なし",
            "is_online": True,
            "audiences": [Audience.WORKING_CARERS, Audience.MEN_CARERS],
            "fee": "無料",
            "contact": "worknet@demo.kizuki.example.jp",
            "rule": dict(
                kind=RecurrenceKind.MONTHLY_NTH_WEEKDAY,
                weekday=Weekday.THURSDAY,
                nth=1,
                start_time=time(19, 0),
                end_time=time(20, 30),
                capacity=12,
                is_online=True,
                meeting_url="https://meet.example.jp/kizuki-worknight-demo",
            ),
        },
        {
            "name": "はこだて介護者のつどい",
            "description": "函館市内で家族を介護している方の集いです。毎週水曜の午前、ゆっくりお話しできます。",
            "organising_body": "函館市地域包括支援センター有志（デモ）",
            "municipality": HAKODATE,
            "is_in_person": True,
            "venue_address": "函館市 地域交流センター（デモ）",
            "venue_access": "市電停留場から徒歩3分",
            "barrier_free_notes": "1階の部屋です。",
            "is_online": False,
            "audiences": [Audience.ALL_CARERS, Audience.BEREAVED],
            "fee": "無料",
            "contact": "0138-00-0000（デモ）",
            "rule": dict(
                kind=RecurrenceKind.WEEKLY,
                weekday=Weekday.WEDNESDAY,
                start_time=time(10, 0),
                end_time=time(12, 0),
            ),
        },
    ]


def load(accounts: dict):
    prefecture = Municipality.objects.filter(
        prefecture_code=settings.PORTAL_PREFECTURE_CODE, is_prefecture=True
    ).first()
    prefecture_name = prefecture.prefecture if prefecture else ""
    organiser = accounts["organiser"]
    now = timezone.now()
    for spec in _salons(prefecture_name):
        spec = dict(spec)
        rule_spec = spec.pop("rule")
        facilitator = accounts.get(spec.pop("facilitator", ""), None)
        code = spec.pop("municipality")
        salon, _created = Salon.objects.get_or_create(
            name=spec["name"],
            is_demo=True,
            defaults={
                **spec,
                "organiser": organiser,
                "municipality": Municipality.objects.filter(pk=code).first() if code else None,
                "status": SalonStatus.PUBLISHED,
                "last_confirmed_at": now,
                "reviewed_at": now,
            },
        )
        salon.search_text = salon.build_search_text()
        salon.save(update_fields=["search_text"])
        rule, _ = SessionRule.objects.get_or_create(
            salon=salon,
            defaults={**rule_spec, "starts_on": timezone.localdate(), "facilitator": facilitator},
        )
        rule_generate_sessions(rule=rule)


def remove():
    Salon.objects.filter(is_demo=True).delete()
