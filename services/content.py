"""Built-in content: the category taxonomy, the national systems and the
prefecture's carer programmes, written in our own words from public sources
(each entry names its source). ``load()`` is idempotent: rows are matched by
their stable ``key`` and updated in place, so ids stay the same across runs.

Amounts change every year; the texts describe how a system works and send the
reader to the window that knows the current figures.
"""

from django.db import transaction
from django.utils import timezone

from .models import Audience, Organization, Scope, Service, ServiceStatus, Taxonomy, TaxonomyTerm

TAXONOMY_NAME = "kizuki-carer-services"
TAXONOMY_DESCRIPTION = (
    "Categories of public services for carers and the people they care for (Kizuki portal)."
)

# code: (Japanese, English)
CATEGORIES = (
    ("consultation", "相談窓口", "Support desks"),
    ("care_level", "要介護認定の申請", "Care-level application"),
    ("long_term_care", "介護保険サービス", "Long-term care insurance services"),
    ("disability", "障害福祉サービス", "Disability welfare services"),
    ("medical", "医療・訪問看護", "Medical care and home-visit nursing"),
    ("young_carer", "ヤングケアラー支援", "Young-carer support"),
    ("work_care", "仕事と介護の両立", "Work–care balance"),
    ("financial", "費用・経済的な支援", "Financial support"),
    ("respite", "レスパイト（介護者の休息）", "Respite (a break for the carer)"),
    ("peer_support", "ピアサポート・サロン", "Peer support and salons"),
)

C, CR, YC, WC, FA = (
    Audience.CARED_FOR,
    Audience.CARERS,
    Audience.YOUNG_CARERS,
    Audience.WORKING_CARERS,
    Audience.FAMILY,
)

ORGANISATIONS = {
    "mhlw": ("厚生労働省", "Ministry of Health, Labour and Welfare", "https://www.mhlw.go.jp/"),
    "cfa": ("こども家庭庁", "Children and Families Agency", "https://www.cfa.go.jp/"),
    "mext": (
        "文部科学省",
        "Ministry of Education, Culture, Sports, Science and Technology",
        "https://www.mext.go.jp/",
    ),
    "moj": ("法務省", "Ministry of Justice", "https://www.moj.go.jp/"),
    "childline": (
        "NPO法人チャイルドライン支援センター",
        "Childline Support Center Japan (NPO)",
        "https://childline.or.jp/",
    ),
    "municipalities": ("お住まいの市町村", "Your municipality", ""),
    "prefecture": ("{pref}", "{pref_gov_en}", ""),
}


def S(
    key,
    org,
    categories,
    audiences,
    name,
    summary,
    description,
    eligibility,
    how,
    cost,
    source,
    keywords="",
    scope=Scope.NATIONAL,
    phone="",
    contact=("", ""),
):
    """One entry; texts are (Japanese, English) pairs. ``contact``: when the
    phone answers (hours, cost of the call), shown beside the number."""
    return dict(
        key=key,
        org=org,
        categories=categories,
        audiences=audiences,
        name=name,
        summary=summary,
        description=description,
        eligibility=eligibility,
        how=how,
        cost=cost,
        source=source,
        keywords=keywords,
        scope=scope,
        phone=phone,
        contact=contact,
    )


MUNI_APPLY = (
    "お住まいの市町村の介護保険担当窓口、または地域包括支援センターに相談・申請します。",
    "Ask or apply at the long-term care insurance section of your municipality or at a community general support centre.",
)
CARE_PLAN_APPLY = (
    "要介護・要支援の認定を受けたあと、ケアマネジャー（または地域包括支援センター）が作るケアプランに入れて利用します。",
    "After the care-level certification, the service is written into the care plan made by a care manager "
    "(or the community general support centre).",
)
LTCI_COST = (
    "原則として費用の1割（所得により2割または3割）を負担します。食費・滞在費などは別に必要です。",
    "Usually 10% of the cost (20% or 30% depending on income); meals and accommodation are paid separately.",
)
LTCI_SOURCE = "厚生労働省「介護保険制度の概要」／「公表されている介護サービスについて」（介護サービス情報公表システム）"
LTCI_ELIGIBLE = (
    "要介護1〜5の認定を受けた人（介護予防サービスは要支援1・2の人）。",
    "People certified at care level 1–5 (preventive services for support level 1–2).",
)
FREE = ("相談は無料です。", "Consultations are free of charge.")

SERVICES = (
    S(
        "community-support-centre",
        "mhlw",
        ("consultation",),
        (C, CR, FA),
        ("地域包括支援センター", "Community general support centre (地域包括支援センター)"),
        (
            "高齢者と家族の介護・福祉・健康・権利についての総合相談窓口。まず最初に相談できる場所です。",
            "The one-stop support desk for older people and their families on care, welfare, health and rights. A good first place to ask.",
        ),
        (
            "市町村が中学校区などの単位で設置し、保健師・社会福祉士・主任ケアマネジャーなどの専門職がいます。介護保険の申請の手伝い、"
            "サービスや地域の支えあいの紹介、介護予防の計画づくり、虐待や消費者被害の相談、介護する家族の悩みの相談などを受け付けます。"
            "本人が相談に行けないときは、家族だけで相談してもかまいません。",
            "Set up by each municipality, usually one per junior-high-school district, with public health nurses, social workers and "
            "chief care managers. They help with the long-term care application, introduce services and local support, plan "
            "prevention, and take consultations about abuse, fraud and the worries of family carers. Family members may come on "
            "their own when the person cared for cannot.",
        ),
        (
            "その地域に住む65歳以上の人と、その家族・介護する人。",
            "People aged 65 and over living in the area, their families and carers.",
        ),
        (
            "電話・来所で相談できます。担当のセンターは市町村の介護保険担当で教えてもらえます。",
            "Phone or visit. Your municipality's long-term care section tells you which centre covers your address.",
        ),
        FREE,
        "厚生労働省「地域包括支援センターの概要」",
        "ちいきほうかつしえんせんたー ほうかつ そうだん 相談 介護 かいご",
    ),
    S(
        "care-level-application",
        "mhlw",
        ("care_level",),
        (C, CR, FA),
        ("要介護認定の申請", "Applying for care-level certification (要介護認定)"),
        (
            "介護保険のサービスを使うための最初の手続き。どのくらいの介護が必要かを市町村が認定します。",
            "The first step to long-term care insurance services: the municipality certifies how much care is needed.",
        ),
        (
            "申請すると、市町村の調査員が自宅などを訪ねて心身の状態を聞き取り、主治医の意見書とあわせて審査会が「要支援1・2」「要介護1〜5」"
            "または「非該当」を判定します。結果は原則として申請から30日以内に届きます。認定を受けるとケアプランをつくり、サービスを使い始めます。"
            "急ぐ場合は、結果が出る前から暫定的にサービスを使えることもあります。",
            "After the application an assessor from the municipality visits to ask about the person's condition; together with "
            "the family doctor's opinion, a committee decides on support level 1–2, care level 1–5 or not eligible. The result "
            "usually arrives within 30 days. With a certification a care plan is made and services can begin; in urgent cases "
            "services can sometimes start before the result.",
        ),
        (
            "65歳以上で介護や支援が必要な人。40〜64歳は、認知症や脳血管疾患など老化に関係する16の特定疾病が原因の場合。",
            "People aged 65 and over who need care or support; people aged 40–64 when the cause is one of 16 age-related "
            "specified diseases such as dementia or cerebrovascular disease.",
        ),
        (
            "本人または家族が市町村の介護保険担当窓口に申請します。地域包括支援センターやケアマネジャーに代行してもらうこともできます。"
            "介護保険被保険者証（40〜64歳は医療保険の保険証）が必要です。",
            "The person or a family member applies at the municipality's long-term care section; the community general support "
            "centre or a care manager can apply on their behalf. Bring the long-term care insurance card (health insurance card "
            "for ages 40–64).",
        ),
        ("申請と認定は無料です。", "Applying and the certification are free."),
        "厚生労働省「要介護認定に係る制度の概要」",
        "ようかいごにんてい しんせい かいごほけん 介護保険",
    ),
    S(
        "home-help",
        "mhlw",
        ("long_term_care",),
        (C, CR, WC),
        ("訪問介護（ホームヘルプ）", "Home help (訪問介護)"),
        (
            "ホームヘルパーが自宅を訪ね、入浴・排せつ・食事などの介助や、調理・洗濯・掃除などの生活援助をします。",
            "A home helper visits to help with bathing, toileting and eating, and with cooking, laundry and cleaning.",
        ),
        (
            "介護する家族の代わりに、決まった時間に身体介護や生活援助を行います。通院の乗り降りの介助も含まれます。"
            "家族の分の家事や、日常の範囲を超える作業（大掃除など）は対象外です。家族が同居していても、事情によって生活援助を使えます。",
            "Helpers give personal care and household help at set times so that not everything rests on the family. Help "
            "getting in and out of a vehicle for hospital visits is included. Housework for other family members and work "
            "beyond daily life (such as a big clean) is not covered. Household help can be used even when family live "
            "together, depending on the circumstances.",
        ),
        LTCI_ELIGIBLE,
        CARE_PLAN_APPLY,
        LTCI_COST,
        LTCI_SOURCE,
        "ほーむへるぷ ほうもんかいご へるぱー 介護 かいご",
    ),
    S(
        "day-service",
        "mhlw",
        ("long_term_care", "respite"),
        (C, CR, WC),
        ("通所介護（デイサービス）", "Day services (通所介護)"),
        (
            "日帰りで施設に通い、食事・入浴・機能訓練やレクリエーションを受けます。家族はその間、休んだり働いたりできます。",
            "The person spends the day at a centre with meals, bathing, exercises and activities, while the family can rest or work.",
        ),
        (
            "送迎つきで、朝から夕方まで過ごします。本人には人との交流や体の機能の維持、家族には介護から離れる時間になります。"
            "リハビリ中心の通所リハビリテーション（デイケア）や、認知症の人向けの認知症対応型通所介護もあります。",
            "Transport is included and the day usually runs from morning to late afternoon. It gives the person company and "
            "exercise, and the family time away from caring. There are also rehabilitation-centred day care (通所リハビリ) "
            "and day services for people with dementia.",
        ),
        LTCI_ELIGIBLE,
        CARE_PLAN_APPLY,
        LTCI_COST,
        LTCI_SOURCE,
        "でいさーびす つうしょかいご でいけあ 介護 かいご",
    ),
    S(
        "short-stay",
        "mhlw",
        ("long_term_care", "respite"),
        (C, CR, WC, FA),
        ("短期入所生活介護（ショートステイ）", "Short stays (短期入所生活介護)"),
        (
            "施設に数日から泊まり、介護を受けます。家族の休息、冠婚葬祭や出張、介護する人の病気のときに使えます。",
            "The person stays at a care home for a few days; for the family's rest, a family event, a business trip or when the carer is ill.",
        ),
        (
            "特別養護老人ホームなどに短期間泊まり、食事・入浴・排せつなどの介護を受けます。介護する人が休むこと（レスパイト）も、"
            "正当な利用目的です。人気が高いので、早めにケアマネジャーに相談して予約します。医療的な管理が必要な人向けの短期入所療養介護もあります。",
            "The person stays for a short period at a care home with meals, bathing and toileting care. The carer's rest "
            "(respite) is a proper reason to use it. Places fill up, so ask the care manager early. Short stays with medical "
            "management (短期入所療養介護) exist for people who need it.",
        ),
        LTCI_ELIGIBLE,
        CARE_PLAN_APPLY,
        LTCI_COST,
        LTCI_SOURCE,
        "しょーとすてい たんきにゅうしょ れすぱいと 介護 かいご",
    ),
    S(
        "small-multifunctional",
        "mhlw",
        ("long_term_care",),
        (C, CR),
        ("小規模多機能型居宅介護", "Small multi-function home care (小規模多機能型居宅介護)"),
        (
            "「通い」を中心に、「訪問」と「泊まり」を同じ事業所で組み合わせて使えます。",
            "One small provider combines day visits, home visits and overnight stays, arranged around the person's needs.",
        ),
        (
            "なじみの職員が、通い・訪問・泊まりを柔軟に組み合わせます。月単位の定額制で、状態や家族の事情の変化に合わせやすい仕組みです。"
            "利用できるのは原則として住んでいる市町村の事業所です。",
            "Familiar staff combine day visits, home visits and overnight stays flexibly, for a fixed monthly fee, which makes "
            "it easy to adapt when the person's condition or the family's situation changes. It is usually limited to "
            "providers in your own municipality.",
        ),
        LTCI_ELIGIBLE,
        CARE_PLAN_APPLY,
        LTCI_COST,
        LTCI_SOURCE,
        "しょうきぼたきのう かよい とまり 介護 かいご",
    ),
    S(
        "care-manager",
        "mhlw",
        ("long_term_care", "consultation"),
        (C, CR, FA),
        (
            "居宅介護支援（ケアマネジャーとケアプラン）",
            "Care management: the care manager and the care plan (居宅介護支援)",
        ),
        (
            "ケアマネジャーが本人と家族の希望を聞き、ケアプランをつくり、サービス事業者との調整をします。",
            "A care manager listens to the person and the family, writes the care plan and arranges the providers.",
        ),
        (
            "ケアプランは、家族が「できること」を前提にするのではなく、本人と家族の希望と暮らしに合わせてつくるものです。"
            "介護する人が仕事や学校、自分の健康を大切にしたいことも伝えてかまいません。負担が大きくなったら、いつでも見直しを頼めます。"
            "ケアマネジャーは変更することもできます。",
            "A care plan should be built around the wishes and life of the person and the family, not around what the family "
            "is assumed to be able to do. Carers may say that they want to protect their work, school or health. Ask for a "
            "review whenever the load grows; you may also change care managers.",
        ),
        (
            "要介護1〜5の人（要支援の人は地域包括支援センターが担当します）。",
            "People at care level 1–5 (the community general support centre handles support levels).",
        ),
        (
            "市町村や地域包括支援センターで居宅介護支援事業所の一覧をもらい、選んで契約します。",
            "Get the list of care-management offices from the municipality or the support centre, choose one and sign a contract.",
        ),
        ("ケアプランの作成に利用者負担はありません。", "There is no charge for the care plan."),
        LTCI_SOURCE,
        "けあまねじゃー けあぷらん みなおし 見直し",
    ),
    S(
        "home-visit-nursing",
        "mhlw",
        ("medical",),
        (C, CR),
        ("訪問看護", "Home-visit nursing (訪問看護)"),
        (
            "看護師などが自宅を訪ね、主治医の指示にもとづいて病状の観察や医療的なケア、療養の相談を行います。",
            "Nurses visit the home on the doctor's instructions to watch the condition, give medical care and advise on care at home.",
        ),
        (
            "点滴や床ずれの手当て、服薬の管理、リハビリ、終末期のケアなどに対応します。介護保険または医療保険で利用でき、"
            "24時間連絡がとれる体制をとる事業所もあります。医療的ケアが必要なこどもも利用できます。",
            "They handle drips, pressure sores, medication, rehabilitation and end-of-life care. It is covered by long-term care "
            "or health insurance, and some providers can be reached 24 hours a day. Children who need medical care can use it too.",
        ),
        (
            "主治医が訪問看護が必要と認めた人（年齢は問いません）。",
            "Anyone whose doctor finds home-visit nursing necessary, of any age.",
        ),
        (
            "主治医、ケアマネジャー、病院の地域連携室に相談します。",
            "Ask the family doctor, the care manager or the hospital's discharge/liaison office.",
        ),
        (
            "介護保険または医療保険の自己負担割合で利用します。",
            "The usual co-payment of long-term care or health insurance applies.",
        ),
        "厚生労働省「訪問看護」（介護サービス情報公表システム）",
        "ほうもんかんご かんご 看護 医療 いりょう",
    ),
    S(
        "disability-welfare",
        "mhlw",
        ("disability", "respite"),
        (C, CR, YC, FA),
        (
            "障害福祉サービス（居宅介護・短期入所など）",
            "Disability welfare services (home help, short stays and more)",
        ),
        (
            "障害のある人の暮らしを支えるサービス。ホームヘルプ、短期入所、日中活動の場、グループホームなどがあります。",
            "Services supporting people with disabilities: home help, short stays, day activities, group homes and more.",
        ),
        (
            "障害者総合支援法にもとづくサービスで、身体・知的・精神の障害、発達障害、難病のある人が対象です。短期入所（ショートステイ）は"
            "介護する家族の休息のためにも使えます。障害のあるこどもには、児童福祉法にもとづく放課後等デイサービスなどがあります。",
            "Provided under the Act on Comprehensive Support for Persons with Disabilities for people with physical, intellectual "
            "or mental disabilities, developmental disorders or designated intractable diseases. Short stays can also be used "
            "to give the family a break. For children there are after-school day services under the Child Welfare Act.",
        ),
        (
            "障害や難病のある人と、その家族。",
            "People with disabilities or intractable diseases, and their families.",
        ),
        (
            "市町村の障害福祉担当に申請します。相談支援専門員が「サービス等利用計画」をつくります。",
            "Apply at the municipality's disability welfare section; a consultation support worker writes the service plan.",
        ),
        (
            "所得に応じた月額の負担上限があり、多くの世帯は低額または無料です。",
            "There is a monthly cap based on income; many households pay little or nothing.",
        ),
        "厚生労働省「障害福祉サービスについて」",
        "しょうがいふくし ほうかごでい ぐるーぷほーむ 障害 しょうがい",
    ),
    S(
        "disability-consultation",
        "mhlw",
        ("disability", "consultation"),
        (C, CR, FA),
        (
            "障害者の相談支援（基幹相談支援センター等）",
            "Consultation support for people with disabilities",
        ),
        (
            "障害のある人と家族の相談を受け、サービスの利用計画づくりや、地域の支援につなぐ窓口です。",
            "A window for people with disabilities and their families: service planning and links to local support.",
        ),
        (
            "市町村の相談支援事業や基幹相談支援センターで、暮らし・仕事・家族の負担などの相談を受けます。計画相談支援では、"
            "相談支援専門員が本人と家族の希望を聞いてサービス等利用計画をつくり、定期的に見直します。",
            "Municipal consultation services and core consultation support centres take questions about daily life, work and "
            "the family's load. Consultation support workers write a service plan from the wishes of the person and the family "
            "and review it regularly.",
        ),
        (
            "障害のある人とその家族・介護する人。",
            "People with disabilities and their families and carers.",
        ),
        (
            "市町村の障害福祉担当に連絡します。",
            "Contact the municipality's disability welfare section.",
        ),
        FREE,
        "厚生労働省「相談支援の充実等について」",
        "そうだんしえん きかんそうだん 障害 しょうがい 相談 そうだん",
    ),
    S(
        "family-care-leave",
        "mhlw",
        ("work_care",),
        (WC, CR),
        ("介護休業", "Family care leave (介護休業)"),
        (
            "家族1人につき通算93日まで、3回まで分けて仕事を休めます。介護の体制を整えるための休みです。",
            "Up to 93 days in total per family member, in up to three blocks, to set up care arrangements.",
        ),
        (
            "育児・介護休業法にもとづく労働者の権利で、会社に規定がなくても取得できます。休業中は雇用保険の介護休業給付金を受けられる場合が"
            "あります。休業はずっと自分で介護するためではなく、サービスの手配や家族の話し合いなど、仕事と介護を両立する体制をつくるために使うのが"
            "すすめられています。",
            "A worker's right under the Child Care and Family Care Leave Act, available even when the employer has no rules "
            "of its own. The employment insurance family care leave benefit may be paid during the leave. The leave is meant "
            "for setting up arrangements (services, family discussions) so that work and care can continue, rather than for "
            "doing all the care yourself.",
        ),
        (
            "要介護状態（2週間以上常時介護が必要な状態）の家族を介護する労働者。有期雇用の人も条件を満たせば対象です。",
            "Workers caring for a family member who needs constant care for two weeks or more; fixed-term workers too if they meet the conditions.",
        ),
        (
            "休業開始の2週間前までに勤務先に申し出ます。",
            "Tell your employer at least two weeks before the leave starts.",
        ),
        (
            "休業中の給与は会社の規定によります（雇用保険の給付は別項目）。",
            "Pay during leave depends on the employer; the insurance benefit is a separate entry.",
        ),
        "厚生労働省「育児・介護休業法について」",
        "かいごきゅうぎょう りょうりつ 仕事 しごと 両立",
    ),
    S(
        "family-care-days",
        "mhlw",
        ("work_care",),
        (WC, CR),
        ("介護休暇", "Family care days off (介護休暇)"),
        (
            "通院の付き添いや手続きのために、年5日（対象家族が2人以上なら10日）まで、時間単位でも休めます。",
            "Up to 5 days a year (10 for two or more family members), in hours if needed, for hospital visits or paperwork.",
        ),
        (
            "育児・介護休業法で定められた休暇で、1日単位や時間単位で取得できます。ケアマネジャーとの面談や役所の手続きなど、短い用事に向いています。",
            "A right under the Child Care and Family Care Leave Act, taken by the day or by the hour; suited to short errands "
            "such as meetings with the care manager or municipal paperwork.",
        ),
        (
            "要介護状態の家族を介護する労働者。",
            "Workers caring for a family member who needs care.",
        ),
        (
            "勤務先に申し出ます（当日の申し出も可能です）。",
            "Tell your employer; same-day requests are possible.",
        ),
        ("有給か無給かは会社の規定によります。", "Whether it is paid depends on the employer."),
        "厚生労働省「育児・介護休業法について」",
        "かいごきゅうか じかんたんい 仕事 しごと",
    ),
    S(
        "work-care-measures",
        "mhlw",
        ("work_care",),
        (WC,),
        (
            "残業の免除・短時間勤務など（両立支援制度）",
            "Limits on overtime, shorter hours and other work–care measures",
        ),
        (
            "介護をしている労働者は、残業や深夜業の制限、短時間勤務・時差出勤などの措置を求められます。",
            "Working carers can ask for limits on overtime and night work, and for shorter or staggered hours.",
        ),
        (
            "育児・介護休業法では、所定外労働・時間外労働・深夜業の制限と、短時間勤務やフレックスタイムなどの措置（利用開始から3年以上の間に"
            "2回以上）が定められています。2025年4月からは、家族の介護に直面したことを申し出た労働者に、会社が制度を個別に知らせて"
            "利用の意向を確認することや、40歳前後での情報提供、テレワークの努力義務なども加わりました。",
            "The Child Care and Family Care Leave Act provides limits on work outside set hours, overtime and night work, and "
            "measures such as shorter hours or flexitime (usable at least twice over three years). From April 2025 employers "
            "must also tell each worker who reports a care situation about these systems and ask whether they want to use "
            "them, inform workers around age 40, and try to offer telework.",
        ),
        ("家族を介護する労働者。", "Workers caring for a family member."),
        (
            "勤務先の人事担当に相談します。困ったときは都道府県労働局の雇用環境・均等部（室）に相談できます。",
            "Ask your employer's HR. If there is a problem, the prefectural labour bureau's employment environment and equality "
            "department gives free advice.",
        ),
        FREE,
        "厚生労働省「育児・介護休業法について」／「令和6年改正育児・介護休業法」",
        "ざんぎょう たんじかん てれわーく 仕事 しごと 両立 りょうりつ",
    ),
    S(
        "family-care-leave-benefit",
        "mhlw",
        ("work_care", "financial"),
        (WC,),
        ("介護休業給付金", "Family care leave benefit (介護休業給付金)"),
        (
            "雇用保険に入っている人が介護休業をとったとき、休業前の賃金の約67％が支給されます。",
            "Workers insured under employment insurance receive about 67% of their previous wage during family care leave.",
        ),
        (
            "対象家族1人につき93日分を上限に、3回まで分けて受け取れます。勤務先を通じてハローワークに申請するのが一般的です。",
            "Paid for up to 93 days per family member, in up to three blocks. Usually claimed through the employer at Hello Work.",
        ),
        (
            "雇用保険の被保険者で、休業前の2年間に賃金支払基礎日数11日以上の月が12か月以上ある人など。",
            "Insured workers with at least 12 months of sufficient paid days in the two years before the leave, among other conditions.",
        ),
        (
            "休業終了後に、勤務先またはハローワークを通じて申請します。",
            "Apply after the leave, through the employer or Hello Work.",
        ),
        ("給付は非課税です。", "The benefit is not taxed."),
        "厚生労働省「介護休業給付について」（ハローワーク）",
        "かいごきゅうぎょうきゅうふ はろーわーく お金 おかね",
    ),
    S(
        "high-cost-ltc",
        "mhlw",
        ("financial",),
        (C, CR, FA),
        (
            "高額介護サービス費",
            "High-cost long-term care service expenses benefit (高額介護サービス費)",
        ),
        (
            "1か月の介護サービスの自己負担が上限額を超えたとき、超えた分が払い戻されます。",
            "When a month's co-payments for long-term care services exceed a cap, the excess is paid back.",
        ),
        (
            "上限額は世帯の所得によって決まります。食費・居住費や福祉用具の購入費などは対象外です。多くの市町村では、初回に申請すれば"
            "その後は自動的に払い戻されます。医療費と合わせて負担が大きい世帯には、高額医療・高額介護合算療養費制度もあります。",
            "The cap depends on the household's income. Meals, accommodation and purchases of equipment do not count. In many "
            "municipalities one application is enough and later refunds follow automatically. Households with high medical and "
            "care costs together can also use the combined high-cost medical and long-term care benefit.",
        ),
        (
            "介護保険サービスを利用している人の世帯。",
            "Households of people using long-term care insurance services.",
        ),
        ("市町村から届く申請書で申請します。", "Apply with the form your municipality sends."),
        ("申請は無料です。", "Applying is free."),
        "厚生労働省「高額介護サービス費の負担限度額が見直されます」／「高額医療・高額介護合算療養費制度について」",
        "こうがくかいごさーびすひ はらいもどし お金 おかね 費用",
    ),
    S(
        "special-disability-allowance",
        "mhlw",
        ("financial", "disability"),
        (C, FA),
        ("特別障害者手当などの手当", "Special disability allowance and related allowances"),
        (
            "在宅で常に特別な介護が必要な重い障害のある人に、毎月手当が支給されます。",
            "A monthly allowance for people at home with severe disabilities who constantly need special care.",
        ),
        (
            "20歳以上の人には特別障害者手当、20歳未満の人には障害児福祉手当があり、障害のあるこどもを育てる家庭には特別児童扶養手当もあります。"
            "所得の制限があります。介護保険の要介護度とは別に判定されます。",
            "There is the special disability allowance for adults, the welfare allowance for children with disabilities, and the "
            "special child-rearing allowance for families raising a child with a disability. Income limits apply; eligibility "
            "is decided separately from the long-term care level.",
        ),
        (
            "在宅で、日常生活に常時特別の介護を必要とする重度の障害のある人（施設入所中は対象外）。",
            "People living at home with severe disabilities needing constant special care (not in residential care).",
        ),
        (
            "市町村の障害福祉担当に申請します。",
            "Apply at the municipality's disability welfare section.",
        ),
        ("手当の申請は無料です。", "Applying is free."),
        "厚生労働省「特別障害者手当について」",
        "てあて とくべつしょうがいしゃてあて お金 おかね",
    ),
    S(
        "young-carer-support",
        "cfa",
        ("young_carer",),
        (YC, FA),
        ("ヤングケアラー支援", "Support for young carers"),
        (
            "家族の世話や家事を日常的にしているこども・若者の相談にのり、学校や福祉の支援につなぎます。",
            "Young people who regularly look after family members or do the housework can talk to someone and be linked with school and welfare support.",
        ),
        (
            "2024年の子ども・若者育成支援推進法の改正で、ヤングケアラーは国と自治体が支援に努める対象であると法律に書かれました。"
            "市町村のこども家庭センター、学校の先生やスクールカウンセラー、スクールソーシャルワーカーが相談を受けます。家族の状況を責めるためではなく、"
            "こどもが学び、休み、こどもらしく過ごせるよう、大人のサービスで家族を支えるための相談です。",
            "Since the 2024 amendment of the Act on Promotion of Development and Support for Children and Young People, young "
            "carers are named in law as people the national and local governments must try to support. The municipality's "
            "children and family centre, teachers, school counsellors and school social workers take consultations. The aim is "
            "not to blame the family but to support it with adult services so that the young person can learn, rest and be a child.",
        ),
        (
            "家族のケアをしているこども・若者（おおむね30代まで）とその家族。",
            "Children and young people (up to about their thirties) who care for family, and their families.",
        ),
        (
            "学校の担任の先生や保健室の先生、スクールカウンセラー、市町村のこども家庭センターに話してください。電話なら、児童相談所相談専用ダイヤル"
            "（0120-189-783、無料・24時間）、24時間子供SOSダイヤル（0120-0-78310）、チャイルドライン（0120-99-7777、毎日16時〜21時）が話を聞きます。",
            "Talk to your class teacher, the school nurse, the school counsellor or the municipality's children and family "
            "centre. By phone: the child guidance centres' consultation line (0120-189-783, free, 24 hours), the 24-hour "
            "Children's SOS Dial (0120-0-78310) or Childline (0120-99-7777, daily 4–9 p.m.).",
        ),
        FREE,
        "こども家庭庁「ヤングケアラーについて」",
        "やんぐけあらー こども 子ども わかもの",
    ),
    S(
        "child-guidance-consultation-dial",
        "cfa",
        ("young_carer",),
        (YC, FA),
        ("児童相談所相談専用ダイヤル", "Child guidance centres' consultation line"),
        (
            "こども本人や家族が、こどもや子育ての悩みを児童相談所に相談できる無料の電話です。24時間つながります。",
            "A free line on which children and families can talk to a child guidance centre about any worry. Open 24 hours.",
        ),
        (
            "かけた場所の近くの児童相談所につながります。家族の世話がつらい、家にいるのが苦しい、誰に話せばいいかわからない、といった"
            "相談ができます。虐待の通告のための「189」とは別の、相談のための番号です。",
            "Calls go to the child guidance centre near where you call from. You can talk about caring being hard, feeling "
            "bad at home or not knowing whom to tell. It is the number for talking, separate from 189, the number for "
            "reporting abuse.",
        ),
        ("こども本人と、その家族。", "Children themselves and their families."),
        ("0120-189-783（いちはやく・おなやみを）に電話します。", "Call 0120-189-783."),
        ("通話は無料です。", "The call is free."),
        "こども家庭庁「児童相談所相談専用ダイヤル」",
        "じどうそうだんじょ そうだん でんわ こども",
        phone="0120-189-783",
        contact=("無料・24時間", "Free, 24 hours"),
    ),
    S(
        "children-sos-dial",
        "mext",
        ("young_carer",),
        (YC,),
        ("24時間子供SOSダイヤル", "24-hour Children's SOS Dial"),
        (
            "こどもが夜間・休日も含めて、いつでも悩みを相談できる無料の電話です。",
            "A free phone line where children can talk about any worry, any time, including nights and holidays.",
        ),
        (
            "電話は原則としてお住まいの地域の教育委員会の相談機関につながります。家族の世話で学校に行けない、疲れている、"
            "誰にも言えない、といった悩みも相談できます。",
            "Calls are usually answered by the education board's consultation service of your area. You can talk about "
            "missing school because of caring, being tired or having no one to tell.",
        ),
        ("こどもと、その保護者。", "Children and their parents or guardians."),
        ("0120-0-78310（なやみ言おう）に電話します。", "Call 0120-0-78310."),
        ("通話は無料です。", "The call is free."),
        "文部科学省「24時間子供SOSダイヤル」",
        "そうだん でんわ こども 子供",
        phone="0120-0-78310",
        contact=("無料・24時間", "Free, 24 hours"),
    ),
    S(
        "childline",
        "childline",
        ("young_carer",),
        (YC,),
        ("チャイルドライン", "Childline"),
        (
            "18歳までのこどもが、名前を言わずに何でも話せる無料の電話とオンラインチャットです。毎日16時から21時まで。",
            "A free phone line and online chat where anyone up to 18 can talk about anything without giving a name. Daily, 4–9 p.m.",
        ),
        (
            "ボランティアの大人が、こどもの話をさえぎらずに聞きます。アドバイスや説教ではなく、気持ちを受けとめることを大切にしています。"
            "家のこと、学校のこと、話したいことは何でもかまいません。電話がむずかしいときはオンラインチャットも使えます（日程はチャイルドラインのサイトで案内）。",
            "Volunteer adults listen without interrupting; they do not lecture, they take your feelings seriously. Home, "
            "school, anything you want to talk about. When a call is hard, an online chat is also open (dates on Childline's site).",
        ),
        ("18歳までのこども。", "Children and young people up to 18."),
        (
            "0120-99-7777 に電話するか、チャイルドラインのサイトからチャットします。",
            "Call 0120-99-7777, or chat from Childline's website.",
        ),
        ("通話は無料です。", "The call is free."),
        "NPO法人チャイルドライン支援センター「チャイルドラインについて」",
        "ちゃいるどらいん でんわ ちゃっと こども",
        phone="0120-99-7777",
        contact=("無料・毎日16時〜21時・18歳まで", "Free, daily 4–9 p.m., up to 18"),
    ),
    S(
        "children-human-rights-110",
        "moj",
        ("young_carer",),
        (YC,),
        ("子どもの人権110番", "Children's human rights line (子どもの人権110番)"),
        (
            "いじめや虐待など、こどもの人権の悩みを法務局の職員や人権擁護委員に相談できる無料の電話です。平日につながります。",
            "A free line to the legal affairs bureau's staff and human rights volunteers about bullying, abuse or other "
            "worries about children's rights. Open on weekdays.",
        ),
        (
            "かけた場所の近くの法務局・地方法務局につながります。こども本人も、大人も相談できます。秘密は守られます。",
            "Calls go to the nearest legal affairs bureau. Children and adults may call; what you say is kept confidential.",
        ),
        ("こどもと、こどものことで悩む大人。", "Children, and adults worried about a child."),
        ("0120-007-110 に電話します。", "Call 0120-007-110."),
        ("通話は無料です。", "The call is free."),
        "法務省「子どもの人権110番」",
        "こどものじんけん じんけん いじめ でんわ",
        phone="0120-007-110",
        contact=("無料・平日8時30分〜17時15分", "Free, weekdays 8:30 a.m.–5:15 p.m."),
    ),
    S(
        "children-family-centre",
        "municipalities",
        ("young_carer", "consultation"),
        (YC, FA),
        ("こども家庭センター", "Children and family centre (こども家庭センター)"),
        (
            "市町村の、こどもと家庭のための相談窓口です。ヤングケアラーの相談も受け、家族に必要なサービスを一緒に考えます。",
            "The municipality's support desk for children and families. It takes young carers' consultations and works out with the "
            "family which services could help.",
        ),
        (
            "2024年の児童福祉法の改正で、市町村が設置に努めることになった窓口です。こども本人が相談しても、学校の先生と一緒に相談しても"
            "かまいません。大人向けの介護や障害福祉のサービスにつないで、こどもの負担を減らします。名前は市町村によって違うことがあります"
            "（こども家庭課、子育て支援課など）。",
            "Since the 2024 amendment of the Child Welfare Act, municipalities set up these centres. A child may come alone or "
            "with a teacher. The centre links the family with adult care and disability services so that the child carries "
            "less. The name differs by municipality (children and family section, child-rearing support section and so on).",
        ),
        (
            "市町村に住むこども・若者と、その家族。",
            "Children, young people and families living in the municipality.",
        ),
        (
            "市町村の役所に電話するか、学校の先生に「こども家庭センターに相談したい」と伝えます。",
            "Call the municipal office, or tell a teacher that you would like to talk to the children and family centre.",
        ),
        FREE,
        "こども家庭庁「こども家庭センターについて」／児童福祉法（2024年改正）",
        "こどもかていせんたー こそだて そうだん",
    ),
    S(
        "dementia-cafe",
        "mhlw",
        ("peer_support",),
        (C, CR, FA),
        ("認知症カフェ", "Dementia cafés (認知症カフェ)"),
        (
            "認知症の人と家族、地域の人、専門職が気軽に集まり、話したり情報を交換したりする場です。",
            "Informal gatherings where people with dementia, their families, neighbours and professionals talk and share information.",
        ),
        (
            "市町村や地域包括支援センター、介護事業所、住民グループなどが開いています。介護のこつや制度の情報を得たり、同じ立場の人と"
            "話したりできます。本人と一緒でも、家族だけでも参加できます。",
            "Run by municipalities, support centres, care providers and resident groups. You can pick up tips and information "
            "and meet people in the same situation, with or without the person you care for.",
        ),
        (
            "認知症の人、その家族、関心のある人。",
            "People with dementia, their families and anyone interested.",
        ),
        (
            "開催日は市町村や地域包括支援センターで確認できます。",
            "Ask your municipality or support centre for dates.",
        ),
        ("無料または茶菓代程度です。", "Free or a small charge for refreshments."),
        "厚生労働省「認知症施策推進大綱」／共生社会の実現を推進するための認知症基本法",
        "にんちしょうかふぇ おれんじかふぇ さろん サロン",
    ),
    S(
        "family-carer-programmes",
        "mhlw",
        ("peer_support", "respite"),
        (CR, FA),
        (
            "家族介護者への支援（介護教室・交流会など）",
            "Programmes for family carers (care classes, carers' meetings)",
        ),
        (
            "市町村が介護保険の地域支援事業として行う、介護の知識を学ぶ教室や、介護する家族どうしの交流会などです。",
            "Care classes and meetings for family carers run by municipalities as part of the long-term care community support programme.",
        ),
        (
            "内容は市町村によって異なり、介護教室、家族の交流会、健康相談、介護用品の支給などがあります。介護する人の孤立を防ぎ、"
            "心身の健康を保つことが目的です。",
            "What is offered varies by municipality: care classes, carers' meetings, health advice, care supplies and more. "
            "The aim is to keep carers from becoming isolated and to protect their health.",
        ),
        ("在宅で家族を介護している人。", "People caring for a family member at home."),
        (
            "市町村の介護保険担当や地域包括支援センターに問い合わせます。",
            "Ask the municipality's long-term care section or the support centre.",
        ),
        ("多くは無料です。", "Mostly free of charge."),
        "厚生労働省「地域支援事業実施要綱」（家族介護支援事業）",
        "かぞくかいご こうりゅうかい かいごきょうしつ サロン さろん",
    ),
)

PREFECTURE_SERVICES = (
    S(
        "pref-carer-support",
        "prefecture",
        ("consultation",),
        (CR, YC, WC, FA),
        (
            "{pref}のケアラー支援（相談と情報）",
            "{pref_en} carer support: consultation and information",
        ),
        (
            "家族などの介護や世話をしている人（ケアラー）を社会全体で支えるための{pref}の取り組みと相談先の案内です。",
            "How {pref_en} supports people who care for a family member (carers), and where to ask for help.",
        ),
        (
            "{pref}はケアラー支援の推進計画にもとづき、ケアラーへの理解を広げる啓発、サロンやカフェなどの交流の場づくり、市町村への"
            "アドバイザー派遣、公的なサービスの周知と利用の後押しに取り組んでいます。どこに相談すればよいかわからないときは、まず"
            "お住まいの市町村の相談窓口か地域包括支援センターに連絡してください。",
            "Under its carer-support plan, {pref_en} raises awareness of carers, helps set up salons and cafés where carers "
            "meet, sends advisors to municipalities and promotes the use of public services. If you do not know where to ask, "
            "start with your municipality's support desk or the community general support centre.",
        ),
        (
            "{pref}に住む、または働くケアラーとその家族。",
            "Carers living or working in {pref_en} and their families.",
        ),
        (
            "市町村の窓口または地域包括支援センターに相談します。",
            "Ask your municipality's window or the community general support centre.",
        ),
        FREE,
        "{pref}「ケアラー支援推進計画」（地域でケアラーを支える体制づくり）",
        "けあらー しえん そうだん 相談",
        scope=Scope.PREFECTURAL,
    ),
    S(
        "pref-young-carer-salon",
        "prefecture",
        ("young_carer", "peer_support"),
        (YC,),
        ("ヤングケアラーのオンラインサロン", "Online salon for young carers"),
        (
            "家族のケアをしているこども・若者が、月に一度オンラインで集まって話せる場です。話さずに聞くだけでも参加できます。",
            "Once a month young people who care for family meet online to talk. You are welcome to just listen.",
        ),
        (
            "同じ立場の人と話したり、元ヤングケアラーのスタッフに相談したりできます。名前や顔を出さずに参加できます。開催日はこのポータルの"
            "サロン・カフェのページで案内しています。",
            "Talk with others in the same situation or with staff who were young carers themselves. You can join without "
            "showing your name or face. Dates are listed on this portal's salons and cafés page.",
        ),
        ("家族のケアをしているこども・若者。", "Children and young people who care for family."),
        (
            "このポータルのサロン・カフェのページから申し込みます。",
            "Sign up from the salons and cafés page of this portal.",
        ),
        ("無料です。", "Free of charge."),
        "{pref}「ケアラー支援推進計画」（交流拠点の整備）",
        "やんぐけあらー さろん おんらいん サロン",
        scope=Scope.PREFECTURAL,
    ),
    S(
        "pref-carer-salons",
        "prefecture",
        ("peer_support", "respite"),
        (CR, WC, FA),
        ("ケアラーサロン・ケアラーズカフェ", "Carer salons and carers' cafés"),
        (
            "介護や世話をしている人どうしが集まって話せる地域の場です。{pref}は市町村や団体による開設を支援しています。",
            "Local places where carers meet and talk. {pref_en} helps municipalities and groups to run them.",
        ),
        (
            "経験を分かち合ったり、情報を得たり、少し息抜きをしたりできます。開催場所と日程はこのポータルのサロン・カフェのページで探せます。",
            "Share experiences, get information or simply take a breather. Find places and dates on this portal's salons and cafés page.",
        ),
        ("ケアラーと、ケアラーを支えたい人。", "Carers and people who want to support them."),
        ("各サロンの案内に従って参加します。", "Join as each salon's page explains."),
        ("無料または茶菓代程度です。", "Free or a small charge for refreshments."),
        "{pref}「ケアラー支援推進計画」（交流拠点の整備）",
        "さろん かふぇ けあらーずかふぇ サロン",
        scope=Scope.PREFECTURAL,
    ),
)


def _pref_names():
    """The portal's prefecture in Japanese, in English and its government in English."""
    from carers.prefecture import prefecture

    pref = prefecture()
    return pref.name_ja, pref.name_en, pref.gov_en


def _fill(value, pref, pref_en, pref_gov_en=""):
    return (
        value.replace("{pref_gov_en}", pref_gov_en)
        .replace("{pref_en}", pref_en)
        .replace("{pref}", pref)
    )


def load_taxonomy() -> dict:
    taxonomy, _ = Taxonomy.objects.update_or_create(
        name=TAXONOMY_NAME, defaults={"description": TAXONOMY_DESCRIPTION, "version": "1"}
    )
    terms = {}
    for order, (code, ja, en) in enumerate(CATEGORIES):
        terms[code], _ = TaxonomyTerm.objects.update_or_create(
            code=code, defaults={"taxonomy": taxonomy, "name_ja": ja, "name_en": en, "order": order}
        )
    return terms


def save_entry(entry, *, organisation, terms, pref=("", "", ""), is_demo=False, municipalities=()):
    """Create or update one entry from the data above (matched by ``key``)."""
    f = lambda v: _fill(v, *pref)  # noqa: E731
    fields = {
        "organization": organisation,
        "scope": entry["scope"],
        "audiences": list(entry["audiences"]),
        "keywords": f(entry["keywords"]),
        "source": f(entry["source"]),
        "phone": entry["phone"],
        "contact_ja": f(entry["contact"][0]),
        "contact_en": f(entry["contact"][1]),
        "status": ServiceStatus.PUBLISHED,
        "is_demo": is_demo,
    }
    for name, attr in (
        ("name", "name"),
        ("summary", "summary"),
        ("description", "description"),
        ("eligibility", "eligibility"),
        ("how", "how_to_apply"),
        ("cost", "cost"),
    ):
        fields[f"{attr}_ja"], fields[f"{attr}_en"] = (f(v) for v in entry[name])
    service = Service.objects.filter(key=entry["key"]).first()
    if service is not None and service.updated_by_id is not None:
        # Staff have edited (or checked) this entry since: `make run` loads the
        # content again on every start and must not undo their work.
        return service
    if service is None:
        service = Service(key=entry["key"], last_verified=timezone.localdate())
    for attr, value in fields.items():
        setattr(service, attr, value)
    service.save()
    service.categories.set([terms[c] for c in entry["categories"]])
    service.municipalities.set(list(municipalities))
    return service


@transaction.atomic
def load() -> int:
    """Load the taxonomy, the national systems and the prefecture's programmes."""
    terms = load_taxonomy()
    pref = _pref_names()
    orgs = {}
    for key, (ja, en, website) in ORGANISATIONS.items():
        orgs[key], _ = Organization.objects.update_or_create(
            key=key,
            defaults={"name_ja": _fill(ja, *pref), "name_en": _fill(en, *pref), "website": website},
        )
    count = 0
    for entry in SERVICES + PREFECTURE_SERVICES:
        save_entry(entry, organisation=orgs[entry["org"]], terms=terms, pref=pref)
        count += 1
    return count
