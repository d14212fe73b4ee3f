"""Demo data: the demo advisor on the roster and three requests from 札幌市 in
different states (submitted, scheduled, completed with a report). Idempotent;
rows are marked ``is_demo``. Written directly (not through advisors.actions) so
loading demo data sends no email; the timeline rows are written alongside."""

from datetime import time, timedelta

from django.utils import timezone

from .models import Advisor, DispatchReport, DispatchRequest, Format, MenuItem, RequestEvent
from .workflow import Action, Status


def load(accounts: dict):
    advisor_user = accounts["advisor"]
    advisor, _created = Advisor.objects.get_or_create(
        user=advisor_user,
        defaults={
            "name": advisor_user.display_name or "ケアラー支援アドバイザー",
            "profile": "地域包括支援センターでの相談支援の経験をもとに、ケアラー支援の体制づくりを助言します。",
            "specialties": [MenuItem.SURVEY, MenuItem.SALON, MenuItem.LECTURE],
            "other_specialties": "ヤングケアラー支援、家族会の運営",
            "is_demo": True,
        },
    )
    if DispatchRequest.objects.filter(is_demo=True).exists():
        return
    staff, prefecture = accounts["municipal_staff"], accounts["prefecture_staff"]
    now, today = timezone.now(), timezone.localdate()
    common = {
        "municipality_id": staff.municipality_id,
        "created_by": staff,
        "is_demo": True,
        "contact_name": "札幌市 ケアラー支援担当",
        "contact_phone": "011-000-0000",
    }
    submitted = DispatchRequest.objects.create(
        **common,
        status=Status.SUBMITTED,
        submitted_at=now - timedelta(days=3),
        menu_items=[MenuItem.SURVEY],
        purpose="市内のケアラーの実態を把握するための調査票の設計について助言を受けたい。",
        situation="高齢福祉課と障がい福祉課で別々に相談を受けており、全体像がつかめていない。",
        preferred_date_1=today + timedelta(days=30),
        preferred_date_2=today + timedelta(days=37),
        format=Format.ONLINE,
        expected_participants=8,
    )
    _events(submitted, staff, [(Action.SUBMIT, Status.DRAFT, Status.SUBMITTED)])
    scheduled = DispatchRequest.objects.create(
        **common,
        status=Status.SCHEDULED,
        submitted_at=now - timedelta(days=20),
        menu_items=[MenuItem.SALON],
        purpose="ケアラーズカフェの立ち上げに向けて、運営の進め方を学びたい。",
        situation="地域の家族会からカフェを開きたいという声があり、会場の候補がある。",
        preferred_date_1=today + timedelta(days=14),
        format=Format.ON_SITE,
        venue="札幌市役所 会議室",
        expected_participants=20,
        advisor=advisor,
        dispatch_date=today + timedelta(days=14),
        start_time=time(14, 0),
        end_time=time(16, 0),
        confirmed_venue="札幌市役所 会議室",
    )
    _events(scheduled, staff, [(Action.SUBMIT, Status.DRAFT, Status.SUBMITTED)])
    _events(
        scheduled,
        prefecture,
        [
            (Action.APPROVE, Status.SUBMITTED, Status.APPROVED),
            (Action.SCHEDULE, Status.APPROVED, Status.SCHEDULED),
        ],
    )
    completed = DispatchRequest.objects.create(
        **common,
        status=Status.COMPLETED,
        submitted_at=now - timedelta(days=60),
        menu_items=[MenuItem.LECTURE],
        purpose="市民向けのケアラー支援講演会で講師をお願いしたい。",
        situation="ケアラーという言葉の認知度が低く、まず知ってもらうことから始めたい。",
        preferred_date_1=today - timedelta(days=20),
        format=Format.ON_SITE,
        venue="区民センター ホール",
        expected_participants=80,
        advisor=advisor,
        dispatch_date=today - timedelta(days=20),
        start_time=time(13, 30),
        end_time=time(15, 0),
        confirmed_venue="区民センター ホール",
    )
    _events(completed, staff, [(Action.SUBMIT, Status.DRAFT, Status.SUBMITTED)])
    _events(
        completed,
        prefecture,
        [
            (Action.APPROVE, Status.SUBMITTED, Status.APPROVED),
            (Action.SCHEDULE, Status.APPROVED, Status.SCHEDULED),
        ],
    )
    _events(completed, advisor_user, [(Action.REPORT, Status.SCHEDULED, Status.COMPLETED)])
    DispatchReport.objects.create(
        request=completed,
        filed_by=advisor_user,
        participants=64,
        what_was_done="ケアラーとは誰かを事例で紹介し、介護と仕事の両立について参加者と意見交換した。",
        outcomes="アンケートでは回答者の多くが「身近にケアラーがいると気づいた」と答えた。",
        follow_ups="ケアラー手帳の配布と、次回はヤングケアラーをテーマに学校関係者向けに開催する案。",
    )


def _events(dispatch, actor, steps):
    for action, source, target in steps:
        RequestEvent.objects.create(
            request=dispatch,
            actor=actor,
            actor_label=str(actor),
            action=action,
            from_status=source,
            to_status=target,
        )


def remove():
    DispatchRequest.objects.filter(is_demo=True).delete()
    Advisor.objects.filter(is_demo=True).delete()
