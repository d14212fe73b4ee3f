"""The six core awareness articles (real content, not demo data).

Idempotent: an article whose slug already exists is left as staff edited it.
"""

import datetime

from django.db import migrations

PUBLISHED_AT = datetime.datetime(2026, 4, 1, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=9)))

ARTICLES = [
    {
        "slug": "what-is-a-carer",
        "audiences": ["residents", "carers"],
        "title_ja": "ケアラーとは？　家族を介護・看護・世話している人のこと",
        "title_en": "What is a carer? Someone who looks after a family member",
        "summary_ja": "高齢の親の介護、障害のある子の世話、病気の配偶者の看病。無償で家族などを支えている人を「ケアラー」と呼びます。あなたもケアラーかもしれません。",
        "summary_en": "Caring for an ageing parent, a disabled child or a sick partner: people who support a family member without pay are called carers. You may be one too.",
        "body_ja": """## ケアラーは特別な人ではありません

「ケアラー」とは、心や体に不調のある家族や身近な人を、無償で介護・看護・日常の世話・気づかいなどで支えている人のことです。

たとえば、次のような人はみなケアラーです。

- 認知症の親の通院に付き添い、薬の管理をしている
- 障害のある子どもの送り迎えや見守りをしている
- 病気の配偶者に代わって家事をすべて担っている
- 精神的な不調のある家族の話を毎晩聞いている
- 遠くに住む親のために、電話や帰省で生活を支えている（遠距離介護）

「介護」という言葉から食事や入浴の手伝いを思い浮かべがちですが、見守りや感情面の支え、手続きの代行もケアに含まれます。

## なぜケアラー支援が必要なのか

ケアは大切な営みですが、長く続くと心と体の疲れ、仕事や学業との両立の難しさ、社会からの孤立につながることがあります。介護を理由に仕事を辞める人は全国で毎年約10万人にのぼります（総務省「就業構造基本調査」）。

ケアラーが自分の生活や健康を大切にできることは、ケアを受ける人にとっても良いことです。都道府県や市町村では、ケアラーを社会全体で支えるための取り組みが進められています。

## まず、できること

- 「自分はケアラーだ」と気づくこと
- 一人で抱え込まず、市町村の相談窓口や地域包括支援センターに相談すること
- 同じ立場の人と話せるケアラーサロンに参加してみること

このポータルの[気づきチェック](/awareness/check/)で、いまの状況を振り返ることができます。

*参考：厚生労働省「介護離職ゼロ」ポータル、総務省「令和4年就業構造基本調査」*
""",
        "body_en": """## Carers are not special people

A carer is someone who, without pay, supports a family member or someone close who has a physical or mental health condition: with care, nursing, everyday help, or simply keeping an eye on them.

All of these people are carers:

- taking a parent with dementia to the doctor and managing their medicines
- driving a disabled child to school and watching over them
- doing all the housework for a partner who is ill
- listening every night to a family member with mental health difficulties
- supporting a parent who lives far away by phone and visits (long-distance care)

"Care" often brings to mind help with meals or bathing, but watching over someone, emotional support and dealing with paperwork are care too.

## Why carers need support

Care matters, but when it goes on for a long time it can lead to exhaustion, difficulty keeping up with work or school, and isolation. Around 100,000 people in Japan leave their job each year to care for a family member (Statistics Bureau, Employment Status Survey).

When carers can look after their own lives and health, the people they care for benefit too. Prefectures and municipalities are working so that society as a whole supports carers.

## What you can do first

- Recognise "I am a carer"
- Do not carry it alone: talk to your municipality's consultation window or the community general support centre
- Try a carer salon, where you can talk with people in the same situation

The [self-check](/en/awareness/check/) on this portal helps you look at your situation.

*References: Ministry of Health, Labour and Welfare, "Zero care-related resignations" portal; Ministry of Internal Affairs and Communications, Employment Status Survey 2022*
""",
    },
    {
        "slug": "young-carers",
        "audiences": ["young_carers", "residents", "carers"],
        "title_ja": "ヤングケアラー　家族の世話をしているあなたへ",
        "title_en": "Young carers: if you look after someone in your family",
        "summary_ja": "本来大人が担うような家事や家族の世話を日常的に行っている子ども・若者を「ヤングケアラー」と言います。あなたは一人ではありません。相談していいのです。",
        "summary_en": "Children and young people who regularly do housework or care that adults would usually do are called young carers. You are not alone, and it is fine to ask for help.",
        "body_ja": """## ヤングケアラーとは

ヤングケアラーとは、本来大人が担うと想定されている家事や家族の世話などを日常的に行っている子ども・若者のことです。2024年に改正された「子ども・若者育成支援推進法」で、国や自治体が支援に努める対象として初めて法律に明記されました。

たとえば、こんなことをしていませんか。

- 障害や病気のある家族の代わりに、買い物・料理・掃除・洗濯をしている
- 幼いきょうだいの世話をしている
- 日本語が苦手な家族のために通訳をしている
- 家族の見守りや声かけのために、学校を休んだり遅刻したりすることがある
- 家族の気持ちを支えるために、夜遅くまで話を聞いている

国の調査では、中学2年生の約17人に1人が「世話をしている家族がいる」と答えています（厚生労働省・文部科学省「ヤングケアラーの実態に関する調査研究」2021年）。

## 家族を大切に思う気持ちは、すてきなこと

家族の世話をすることそのものは悪いことではありません。でも、勉強や部活、友だちと過ごす時間、眠る時間が足りなくなっているなら、それはあなたが一人で背負う量ではありません。

## 相談できるところ

- 学校の先生、保健室の先生、スクールカウンセラー
- 市町村の子ども・家庭の相談窓口
- 24時間子供SOSダイヤル：0120-0-78310（無料・24時間）
- 児童相談所 虐待対応ダイヤル：189（無料・24時間）

話すときは、全部うまく説明できなくても大丈夫です。「家のことで疲れている」と一言伝えるだけでも、大人が支援につなげてくれます。

このポータルでは、毎月オンラインのヤングケアラー・サロンも開いています。顔を出さずに参加することもできます。

*参考：こども家庭庁「ヤングケアラーについて」、厚生労働省・文部科学省「ヤングケアラーの実態に関する調査研究」（2021年）、子ども・若者育成支援推進法*
""",
        "body_en": """## Who young carers are

Young carers are children and young people who regularly do housework or look after family members in ways that adults would usually be expected to. The Act on Promotion of Development and Support for Children and Young People, amended in 2024, names them for the first time as people the national and local governments must work to support.

Do you do things like these?

- shopping, cooking, cleaning or laundry in place of a family member who is ill or disabled
- looking after younger brothers and sisters
- interpreting for a family member who does not speak Japanese well
- missing school or arriving late to watch over a family member
- staying up late to listen to and comfort a family member

In a national survey, about 1 in 17 second-year junior high school students said there was a family member they looked after (MHLW and MEXT, research on the situation of young carers, 2021).

## Caring about your family is a good thing

Helping your family is not wrong in itself. But if you do not have enough time for study, clubs, friends or sleep, that is more than you should carry alone.

## Who you can talk to

- a teacher, the school nurse or the school counsellor
- your municipality's consultation window for children and families
- 24-hour Children's SOS Dial: 0120-0-78310 (free, any time)
- Child guidance centre: 189 (free, any time)

You do not need to explain everything perfectly. Saying "I'm tired because of things at home" is enough for an adult to help connect you with support.

This portal also holds a monthly online salon for young carers. You can join without showing your face.

*References: Children and Families Agency, "About young carers"; MHLW and MEXT, research on the situation of young carers (2021); Act on Promotion of Development and Support for Children and Young People*
""",
    },
    {
        "slug": "using-public-services",
        "audiences": ["residents", "carers"],
        "title_ja": "公的サービスを使うことは恥ずかしいことではありません",
        "title_en": "Using public services is nothing to be ashamed of",
        "summary_ja": "「家族のことは家族で」「人に頼るのは申し訳ない」。そう感じる人は少なくありません。でも介護保険や福祉のサービスは、みんなで支え合うための仕組みです。",
        "summary_en": "\"Family matters stay in the family.\" \"I don't want to be a burden.\" Many people feel this way. But care insurance and welfare services are a system we all pay into so that we can support each other.",
        "body_ja": """## 「家族だけで」は、続きません

介護や世話を家族だけで抱え込むと、介護する人が体調を崩したり、仕事を続けられなくなったりして、結果的に家族全体が苦しくなることがあります。

介護保険制度は、40歳以上のみんなが保険料を払い、介護が必要になったときに社会全体で支えるために2000年に始まりました。サービスを使うことは、払ってきた保険の当然の利用です。

## 使えるサービスの例

- **訪問介護（ホームヘルプ）**：ヘルパーが自宅で食事・入浴・排せつの介助や家事を行います
- **通所介護（デイサービス）**：日中に施設で入浴や食事、リハビリ、交流ができます
- **短期入所（ショートステイ）**：数日間施設に泊まり、介護する家族が休息をとれます
- **障害福祉サービス**：居宅介護、短期入所、移動支援など
- **訪問看護**：看護師が自宅で医療的なケアを行います

費用は所得に応じて1〜3割の負担で、上限を超えた分が戻る制度もあります。

## 「断られる」「嫌がられる」ときは

ケアを受ける本人がサービスを嫌がることもよくあります。そんなときは、ケアマネジャーや地域包括支援センターに相談してみてください。「お試し」から始める、呼び方を変えるなど、専門職は多くの工夫を知っています。

## 相談はいつでも無料

市町村の介護保険の窓口や地域包括支援センターへの相談は無料です。要介護認定の申請も、本人や家族に代わって地域包括支援センターが手続きを手伝ってくれます。

*参考：厚生労働省「介護保険制度の概要」、厚生労働省「介護サービス情報公表システム」*
""",
        "body_en": """## "Only the family" does not last

When a family carries care alone, the carer may fall ill or have to give up work, and in the end the whole family struggles.

Japan's long-term care insurance began in 2000 so that society as a whole supports people who need care: everyone aged 40 and over pays premiums. Using its services is simply using the insurance you have paid for.

## Examples of services

- **Home help (訪問介護)**: a care worker helps at home with meals, bathing, toileting and housework
- **Day services (通所介護)**: bathing, meals, exercise and company at a centre during the day
- **Short stays (短期入所)**: a few nights at a facility, so that the family carer can rest
- **Disability welfare services**: home care, short stays, mobility support and more
- **Home-visit nursing (訪問看護)**: a nurse gives medical care at home

Users pay 10–30% of the cost depending on income, and there is a cap with refunds above it.

## When the person refuses help

It is common for the person who needs care to refuse services. Talk to the care manager or the community general support centre: starting with a "trial", or calling the service by another name, are among the many ways professionals know.

## Asking is always free

Consultations at the municipal long-term care insurance window and the community general support centre are free. The centre can also help with the application for the care-level certification on behalf of the person or the family.

*References: MHLW, "Overview of the long-term care insurance system"; MHLW, "Long-term care service information publication system"*
""",
    },
    {
        "slug": "noticing-a-carer",
        "audiences": ["residents"],
        "title_ja": "身近なケアラーに気づくために　6つのサイン",
        "title_en": "Noticing a carer near you: six signs",
        "summary_ja": "近所の人、同僚、友人、子どもの同級生。周りにも、一人で介護を抱えている人がいるかもしれません。気づくためのサインと、声のかけ方を紹介します。",
        "summary_en": "A neighbour, a colleague, a friend, your child's classmate: someone around you may be carrying care alone. Here are the signs to notice, and how to reach out.",
        "body_ja": """## ケアラーは、自分から「助けて」と言いにくい

ケアラーの多くは「家族のことだから」「自分がやるしかない」と考え、周りに相談しないまま無理を重ねています。周りの人の「気づき」が、支援への最初の一歩になります。

## 気づくための6つのサイン

1. **一人で介護をしている**：家族の中でほかに手伝う人がいない
2. **介護以外にも重い役割を担っている**：仕事、子育て、学校などと介護が重なっている
3. **本人も病気や障害を抱えている**：介護する人自身が体調を崩している
4. **公的サービスを使っていない、または拒んでいる**：サービスを知らない、使いたがらない
5. **介護について誰にも話していない**：相談相手がいない、孤立している
6. **疲れた様子が見える、疲れたと口にする**：表情が暗い、眠れていない、身なりが変わった

子どもの場合は、遅刻や欠席が増えた、宿題ができていない、いつも眠そうといった様子がサインになることもあります。

## 声をかけるときは

- あいさつや世間話から始め、無理に聞き出さない
- 介護のやり方を評価したり、意見したりしない
- 「何かできることがあったら言ってね」と、いつでも話せることを伝える
- 相談窓口やケアラーサロンの情報をそっと渡す

本人の安全が心配なときは、あなたから市町村の相談窓口や地域包括支援センターに相談することもできます。

このポータルの[気づきチェック](/awareness/check/)は「身近な人について」答えることもできます。

*参考：このポータルのもとになっているケアラー支援推進計画の「気づき」の6項目、こども家庭庁「ヤングケアラーについて」*
""",
        "body_en": """## Carers rarely ask for help first

Many carers think "it's a family matter" or "there is no one else to do it", and keep going without telling anyone. Someone around them noticing is often the first step towards support.

## Six signs to notice

1. **Caring alone**: no one else in the family helps
2. **Other heavy roles besides care**: work, raising children or school on top of care
3. **Their own illness or disability**: the carer's own health is suffering
4. **Public services not used, or refused**: they do not know the services, or do not want them
5. **Not talking to anyone about the care**: no one to confide in, isolated
6. **Looking or saying they are tired**: a drawn face, poor sleep, a change in how they look

For children, coming late or missing school, homework not done, or always looking sleepy can be signs.

## When you reach out

- Start with a greeting or small talk; do not press for details
- Do not judge or advise on how they care
- Let them know they can talk to you any time: "tell me if there is anything I can do"
- Quietly pass on the details of a consultation window or a carer salon

If you are worried about someone's safety, you can contact the municipal consultation window or the community general support centre yourself.

The [self-check](/en/awareness/check/) on this portal can also be answered "about someone I know".

*References: the six "noticing" items of the carer support plan this portal serves; Children and Families Agency, "About young carers"*
""",
    },
    {
        "slug": "supporting-employees-who-care",
        "audiences": ["employers"],
        "title_ja": "事業主の方へ　介護をしながら働く従業員を支えるために",
        "title_en": "For employers: supporting employees who care",
        "summary_ja": "介護に直面する従業員は、管理職や中核を担う世代に多くいます。2025年4月からの新しい義務と、離職を防ぐための職場づくりのポイントをまとめました。",
        "summary_en": "Employees facing care are often managers and experienced staff. A summary of the duties in force since April 2025 and how to build a workplace where no one has to quit to care.",
        "body_ja": """## 介護は「隠れた」課題です

家族の介護をしながら働く人は全国で約365万人います（総務省「令和4年就業構造基本調査」）。その多くは40代〜50代の、職場で中心的な役割を担う人たちです。一方で、「職場に迷惑をかけたくない」「評価に響くかもしれない」と、介護していることを言い出せない人も少なくありません。

## 2025年4月からの事業主の義務

育児・介護休業法の改正により、次のことが義務になりました。

- 介護に直面したと申し出た従業員に、制度を**個別に周知し、利用の意向を確認**すること
- 40歳前後の従業員に、介護に直面する前の**早い段階で情報を提供**すること
- 研修や相談窓口の設置など、**雇用環境を整備**すること

## 職場でできること

- 経営者が「介護を理由に辞めなくてよい」というメッセージを出す
- 相談窓口を決め、社外の相談先（地域包括支援センターなど）も案内する
- 休みや短時間勤務を取りやすいよう、業務の共有・引継ぎを進める
- 管理職向けに、介護の基礎知識と声のかけ方の研修を行う

## 従業員から相談を受けたら

まず話してくれたことに感謝し、プライバシーを守ることを約束しましょう。「辞めるか続けるか」ではなく、介護休業・介護休暇・短時間勤務と介護保険サービスをどう組み合わせるかを一緒に考えます。厚生労働省の「介護支援プラン」の様式も参考になります。

制度の詳しい内容は[仕事と介護の両立](/awareness/work-and-care/)のページをご覧ください。

*参考：厚生労働省「育児・介護休業法 改正ポイントのご案内」、厚生労働省「仕事と介護の両立支援 〜両立に向けての具体的ツール〜」、総務省「令和4年就業構造基本調査」*
""",
        "body_en": """## Care is a hidden issue

About 3.65 million people in Japan work while caring for a family member (Ministry of Internal Affairs and Communications, Employment Status Survey 2022). Many are in their 40s and 50s and play central roles at work. Yet many do not say that they care, fearing they will be a burden or that it will count against them.

## Employers' duties since April 2025

The amended Child Care and Family Care Leave Act requires employers to:

- **inform individually and confirm the intention** of an employee who reports that they face caring for a family member
- **give information early**, before care begins, to employees around the age of 40
- **set up a supportive environment**, such as training or a consultation desk

## What the workplace can do

- Leadership states clearly that no one has to quit to care
- Name a contact person and point to outside help such as the community general support centre
- Share work and make hand-overs routine, so that leave and shorter hours are practical
- Train managers in the basics of care and in how to start the conversation

## When an employee comes to you

Thank them for telling you and promise confidentiality. Rather than "quit or carry on", work out together how family care leave, days off for care, shorter hours and long-term care insurance services can combine. The MHLW's "care support plan" template helps.

For the details of each system, see [Work and care](/en/awareness/work-and-care/).

*References: MHLW, "Guide to the amendments of the Child Care and Family Care Leave Act"; MHLW, "Supporting work–care balance: practical tools"; MIC, Employment Status Survey 2022*
""",
    },
    {
        "slug": "leave-and-working-time-for-care",
        "audiences": ["employers", "carers", "residents"],
        "title_ja": "介護のための休業・休暇と働き方の制度",
        "title_en": "Leave and working-time systems for care",
        "summary_ja": "介護休業（通算93日・3回まで）、介護休暇（年5日・時間単位）、短時間勤務、残業の免除など、育児・介護休業法で使える制度を一覧で紹介します。",
        "summary_en": "Family care leave (93 days, up to 3 periods), days off for care (5 a year, by the hour), shorter hours, exemption from overtime: the systems of the Child Care and Family Care Leave Act at a glance.",
        "body_ja": """## 働く人の権利です

育児・介護休業法は、要介護状態（2週間以上常時介護が必要な状態）の家族を介護する労働者に、次の制度を保障しています。パートや契約社員でも、条件を満たせば利用できます。

| 制度 | 内容 |
|---|---|
| 介護休業 | 対象家族1人につき通算93日まで、3回まで分割可 |
| 介護休暇 | 年5日（対象家族2人以上は年10日）、時間単位で取得可 |
| 短時間勤務などの措置 | 利用開始から3年以上の間に2回以上利用可 |
| 所定外労働の制限 | 残業の免除を請求できる |
| 時間外労働の制限 | 月24時間、年150時間まで |
| 深夜業の制限 | 午後10時〜午前5時の労働を制限 |

## お金の支え：介護休業給付金

雇用保険の被保険者が介護休業を取ると、休業開始時の賃金の67%が介護休業給付金として支給されます。

## 介護休業は「体制づくり」のために

介護休業の93日は、自分が介護に専念するための期間というより、要介護認定の申請、ケアマネジャーとの相談、サービスの手配など、仕事と介護を両立する体制を整えるための期間と考えましょう。

## 利用するには

まず勤務先の人事・総務担当に相談します。会社は制度を個別に説明し、利用の意向を確認する義務があります。会社の対応に困ったときは、都道府県労働局の雇用環境・均等部（室）に相談できます。

詳しくは[仕事と介護の両立](/awareness/work-and-care/)のページもご覧ください。

*参考：厚生労働省「育児・介護休業法について」、厚生労働省「介護休業給付について」、育児休業、介護休業等育児又は家族介護を行う労働者の福祉に関する法律*
""",
        "body_en": """## These are workers' rights

The Child Care and Family Care Leave Act guarantees these systems to workers caring for a family member who needs constant care for two weeks or more. Part-time and fixed-term workers can use them too if they meet the conditions.

| System | What it gives |
|---|---|
| Family care leave | Up to 93 days in total per family member, in up to 3 periods |
| Days off for care | 5 days a year (10 for two or more family members), usable by the hour |
| Shorter hours and other measures | At least twice within at least 3 years from first use |
| Exemption from work beyond scheduled hours | You may ask not to work overtime |
| Limit on overtime | At most 24 hours a month, 150 hours a year |
| Limit on night work | No work between 10 p.m. and 5 a.m. |

## Money: the family care leave benefit

If you are insured under employment insurance, family care leave is paid at 67% of your wages at the start of the leave (the family care leave benefit, 介護休業給付金).

## Family care leave is for setting things up

Think of the 93 days less as time to do all the care yourself and more as time to set up how work and care will fit: applying for the care-level certification, meeting the care manager, arranging services.

## How to use them

Start by talking to HR at your workplace. Your employer must explain the systems to you individually and confirm whether you wish to use them. If you have trouble with your employer's response, ask the prefectural labour bureau's Employment Environment and Equal Employment Department.

See also [Work and care](/en/awareness/work-and-care/).

*References: MHLW, "About the Child Care and Family Care Leave Act"; MHLW, "About the family care leave benefit"; the Child Care and Family Care Leave Act*
""",
    },
]


def add_articles(apps, schema_editor):
    Article = apps.get_model("portal", "Article")
    for position, data in enumerate(ARTICLES):
        # One minute apart, so that the list shows them in this order (newest first).
        Article.objects.get_or_create(
            slug=data["slug"],
            defaults={
                **data, "status": "published",
                "publish_at": PUBLISHED_AT - datetime.timedelta(minutes=position),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(add_articles, migrations.RunPython.noop)]
