"""Young carers: the right phone lines in the article, and a version of it in
やさしい日本語 (plain Japanese at primary-school level).

189 is the child-abuse reporting line (児童相談所虐待対応ダイヤル), not a line
for a child who wants to talk; it stays in the article only as that. Sources:
こども家庭庁「児童相談所相談専用ダイヤル」「児童相談所虐待対応ダイヤル「189」について」,
文部科学省「24時間子供SOSダイヤル」, NPO法人チャイルドライン支援センター
「チャイルドラインについて」, 法務省「子どもの人権110番」.

Idempotent and careful with staff edits: a block is replaced only where the
article still has the text this project first wrote.
"""

import datetime

from django.db import migrations

OLD_LINES_JA = """- 24時間子供SOSダイヤル：0120-0-78310（無料・24時間）
- 児童相談所 虐待対応ダイヤル：189（無料・24時間）"""
NEW_LINES_JA = """- 児童相談所相談専用ダイヤル：0120-189-783（無料・24時間）　自分のことや家のことを、何でも相談できます
- 24時間子供SOSダイヤル：0120-0-78310（無料・24時間）　教育委員会の相談員が話を聞きます
- チャイルドライン：0120-99-7777（無料・毎日16時〜21時・18歳まで）　名前を言わずに話せます。オンラインチャットもあります
- 子どもの人権110番：0120-007-110（無料・平日8時30分〜17時15分）　いじめや虐待など、こどもの人権の悩み

家で暴力をふるわれている、自分やきょうだいが危ないときは、110番（警察）に電話してください。虐待を受けている・見たことを知らせる番号は189（児童相談所虐待対応ダイヤル、無料・24時間）です。"""

OLD_LINES_EN = """- 24-hour Children's SOS Dial: 0120-0-78310 (free, any time)
- Child guidance centre: 189 (free, any time)"""
NEW_LINES_EN = """- Child guidance centres' consultation line: 0120-189-783 (free, 24 hours) — talk about anything, about yourself or home
- 24-hour Children's SOS Dial: 0120-0-78310 (free, 24 hours) — answered by the education board's counsellors
- Childline: 0120-99-7777 (free, daily 4–9 p.m., up to 18) — talk without giving your name; online chat too
- Children's human rights line: 0120-007-110 (free, weekdays 8:30 a.m.–5:15 p.m.) — bullying, abuse and other worries about children's rights

If you are being hurt at home, or you or a brother or sister are in danger, call 110 (police). The number for reporting abuse is 189 (the child guidance centres' abuse line, free, 24 hours)."""

OLD_SOURCES_JA = "*参考：こども家庭庁「ヤングケアラーについて」、"
NEW_SOURCES_JA = (
    "*参考：こども家庭庁「ヤングケアラーについて」「児童相談所相談専用ダイヤル」、文部科学省「24時間子供SOSダイヤル」、"
    "チャイルドライン支援センター「チャイルドラインについて」、法務省「子どもの人権110番」、"
)
OLD_SOURCES_EN = '*References: Children and Families Agency, "About young carers"; '
NEW_SOURCES_EN = (
    '*References: Children and Families Agency, "About young carers" and "Child guidance centres\' consultation line"; '
    "MEXT, \"24-hour Children's SOS Dial\"; Childline Support Center Japan; Ministry of Justice, \"Children's human rights line\"; "
)

EASY_LINK_JA = "[やさしい日本語で読む](/awareness/young-carers-easy/)\n\n"
EASY_LINK_EN = "[Read it in plain Japanese (やさしい日本語)](/awareness/young-carers-easy/)\n\n"

EASY = {
    "slug": "young-carers-easy",
    "audiences": ["young_carers"],
    "title_ja": "家族の お世話を している あなたへ（やさしい日本語）",
    "title_en": "If you look after someone in your family (plain Japanese version)",
    "summary_ja": "家族の お世話を している 子どもの ための ページです。こまった ときに 電話できる ところが 書いて あります。",
    "summary_en": "A short page for children who look after someone in their family, in plain Japanese, with the phone lines they can call.",
    "body_ja": """## ヤングケアラーって なに？

家族の お世話や 家の 仕事を、毎日のように している 子どもや 若い人の ことです。

たとえば、こんな ことを して いませんか。

- びょうきの 家族の かわりに、ごはんを 作る、そうじや せんたくを する
- 小さい きょうだいの お世話を する
- 家族の ために 学校を 休む ことが ある
- 夜 おそくまで 家族の 話を 聞いて いる

## あなたは わるく ありません

家族を 大切に 思う 気持ちは、すてきな ことです。
でも、勉強や 友だちと あそぶ 時間、ねる 時間が 足りないなら、それは 子ども 一人で かかえる ことでは ありません。
大人に 話して いいのです。

## だれに 話せば いいの？

- 学校の 先生（たんにんの 先生、保健室の 先生）
- スクールカウンセラー
- 市役所や 町村役場の 「こども家庭センター」

「家の ことで つかれて いる」と 言うだけで 大丈夫です。

## 電話で 話せる ところ（お金は かかりません）

- 児童相談所相談専用ダイヤル：0120-189-783（いつでも。夜も 休みの 日も）
- 24時間子供SOSダイヤル：0120-0-78310（いつでも。夜も 休みの 日も）
- チャイルドライン：0120-99-7777（毎日 夕方4時から 夜9時まで。18さいまで。名前を 言わなくて いいです）
- 子どもの人権110番：0120-007-110（月曜日から 金曜日の 朝8時30分から 夕方5時15分まで）

あぶない ときは 110番（けいさつ）に 電話して ください。

## オンラインの 集まり

月に 1回、家族の お世話を している 子どもや 若い人が インターネットで 集まります。
顔を 見せなくても、話さなくても いいです。

*このページは 「ヤングケアラー　家族の世話をしているあなたへ」を やさしい 日本語で 書いた ものです。*
""",
    "body_en": """This page is the plain-Japanese version of "Young carers: if you look after someone in your family", written for children at primary-school level. Switch the language to Japanese to read it.

- Child guidance centres' consultation line: 0120-189-783 (free, 24 hours)
- 24-hour Children's SOS Dial: 0120-0-78310 (free, 24 hours)
- Childline: 0120-99-7777 (free, daily 4–9 p.m., up to 18)
- Children's human rights line: 0120-007-110 (free, weekdays 8:30 a.m.–5:15 p.m.)

In danger: call 110 (police).
""",
}
PUBLISHED_AT = datetime.datetime(
    2026, 4, 1, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=9))
)


def forwards(apps, schema_editor):
    Article = apps.get_model("portal", "Article")
    article = Article.objects.filter(slug="young-carers").first()
    if article is not None:
        fields = []
        for name, old, new in (
            ("body_ja", OLD_LINES_JA, NEW_LINES_JA),
            ("body_en", OLD_LINES_EN, NEW_LINES_EN),
            ("body_ja", OLD_SOURCES_JA, NEW_SOURCES_JA),
            ("body_en", OLD_SOURCES_EN, NEW_SOURCES_EN),
        ):
            text = getattr(article, name)
            if old in text:
                setattr(article, name, text.replace(old, new))
                fields.append(name)
        for name, link in (("body_ja", EASY_LINK_JA), ("body_en", EASY_LINK_EN)):
            if "/awareness/young-carers-easy/" not in getattr(article, name):
                setattr(article, name, link + getattr(article, name))
                fields.append(name)
        if fields:
            article.save(update_fields=sorted(set(fields)))
    Article.objects.get_or_create(
        slug=EASY["slug"],
        defaults={
            **EASY,
            "status": "published",
            "publish_at": PUBLISHED_AT - datetime.timedelta(minutes=2),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_awareness_articles")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
