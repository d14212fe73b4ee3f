"""Demo data of initiative 1: a local article of each demo municipality, a
scheduled and a draft article. The core articles are real content
(portal/content/articles/, loaded by load_content), not demo. No self-check tallies: they carry no demo mark by
design (municipality, count and month only), so they could not be removed."""

from datetime import timedelta

from django.utils import timezone

from .models import Article, ArticleStatus

DEMO_ARTICLES = (
    # slug, author key, municipality code, status, days from now, audiences, ja, en
    (
        "demo-sapporo-carer-cafe",
        "municipal_staff",
        "011002",
        ArticleStatus.PUBLISHED,
        -3,
        ["residents", "carers"],
        (
            "【デモ】札幌市からのお知らせ：ケアラーカフェを始めました",
            "区役所の近くでケアラーカフェを月に1回開きます。予約なしで参加できます。",
            "## ケアラーカフェ\n\n家族を介護している方が気軽に立ち寄れるカフェです。\n\n- 毎月第2土曜日 13:30〜15:30\n- 参加費無料・予約不要\n\n*これはデモ用の記事です。*",
        ),
        (
            "[Demo] News from Sapporo: a carer café has opened",
            "Once a month, a carer café meets near the ward office. No booking needed.",
            "## Carer café\n\nA café where people who look after a family member can drop in.\n\n- Second Saturday of each month, 13:30–15:30\n- Free, no booking\n\n*This is a demo article.*",
        ),
    ),
    (
        "demo-hakodate-consultation-days",
        "other_municipal_staff",
        "012025",
        ArticleStatus.PUBLISHED,
        -10,
        ["residents"],
        (
            "【デモ】函館市：介護の休日相談会",
            "平日に相談に行けない方のため、土曜日に介護の相談会を開きます。",
            "## 休日相談会\n\n仕事をしながら介護をしている方のために、土曜日にも相談を受け付けます。\n\n*これはデモ用の記事です。*",
        ),
        (
            "[Demo] Hakodate: weekend care consultations",
            "For people who cannot come on weekdays, care consultations are held on Saturdays.",
            "## Weekend consultations\n\nFor people who work while caring, consultations are also open on Saturdays.\n\n*This is a demo article.*",
        ),
    ),
    (
        "demo-scheduled-salon-week",
        "prefecture_staff",
        None,
        ArticleStatus.SCHEDULED,
        14,
        ["residents", "carers"],
        (
            "【デモ】予約投稿：ケアラー週間のお知らせ",
            "予約投稿の例です。公開日時になると表示されます。",
            "予約投稿の例です。\n\n*これはデモ用の記事です。*",
        ),
        (
            "[Demo] Scheduled: carer week",
            "An example of a scheduled article; it appears when due.",
            "An example of a scheduled article.\n\n*This is a demo article.*",
        ),
    ),
    (
        "demo-draft-employers",
        "prefecture_staff",
        None,
        ArticleStatus.DRAFT,
        None,
        ["employers"],
        (
            "【デモ】下書き：企業向けセミナー",
            "下書きの例です。公開されていません。",
            "下書きの例です。",
        ),
        (
            "[Demo] Draft: seminar for employers",
            "An example of a draft; not public.",
            "An example of a draft.",
        ),
    ),
)


def load(accounts: dict):
    now = timezone.now()
    for slug, author, code, status, days, audiences, ja, en in DEMO_ARTICLES:
        if Article.objects.filter(slug=slug).exists():
            continue
        Article.objects.create(
            slug=slug,
            author=accounts.get(author),
            municipality_id=code,
            status=status,
            publish_at=now + timedelta(days=days) if days is not None else None,
            audiences=audiences,
            title_ja=ja[0],
            summary_ja=ja[1],
            body_ja=ja[2],
            title_en=en[0],
            summary_en=en[1],
            body_en=en[2],
            is_demo=True,
        )


def remove():
    Article.objects.filter(is_demo=True).delete()
