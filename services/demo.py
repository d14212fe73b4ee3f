"""Demo entries for two municipalities (札幌市, 函館市), clearly marked as demo
(``is_demo``, a "Demo" badge, "デモ" in the name) and removable. Loading also
loads the built-in national and prefectural content (services.content)."""

from carers.models import Municipality

from . import content
from .models import Audience, Location, Organization, Scope, Service, ServiceAtLocation

C, CR, YC, FA = Audience.CARED_FOR, Audience.CARERS, Audience.YOUNG_CARERS, Audience.FAMILY

# (organisation key, municipality code, organisation names, locations)
DEMO_ORGANISATIONS = {
    "demo-sapporo": (
        "011002",
        ("【デモ】札幌市 保健福祉局", "[Demo] Sapporo City Health and Welfare Bureau"),
    ),
    "demo-hakodate": (
        "012025",
        ("【デモ】函館市 保健福祉部", "[Demo] Hakodate City Health and Welfare Department"),
    ),
}

DEMO_SERVICES = (
    content.S(
        "demo-sapporo-centre",
        "demo-sapporo",
        ("consultation",),
        (C, CR, FA),
        (
            "【デモ】札幌市中央区第1地域包括支援センター",
            "[Demo] Sapporo Chuo No. 1 community general support centre",
        ),
        (
            "デモ用の架空の窓口です。中央区にお住まいの高齢者と家族の相談を受け付けます。",
            "A fictional window for the demo: consultations for older people and families in Chuo ward.",
        ),
        (
            "このエントリーはデモデータです。実在の窓口ではありません。",
            "This entry is demo data, not a real window.",
        ),
        ("中央区在住の65歳以上の人と家族。", "People aged 65+ in Chuo ward and their families."),
        ("電話または来所。", "Phone or visit."),
        content.FREE,
        "デモデータ",
        "ほうかつ そうだん さっぽろ",
        scope=Scope.MUNICIPAL,
        phone="011-000-0000",
    ),
    content.S(
        "demo-sapporo-carers-meeting",
        "demo-sapporo",
        ("peer_support",),
        (CR, FA),
        ("【デモ】札幌市 介護者のつどい", "[Demo] Sapporo carers' meeting"),
        (
            "デモ用の架空の催しです。介護をしている家族が月に一度集まって話します。",
            "A fictional meeting for the demo: carers meet once a month to talk.",
        ),
        ("このエントリーはデモデータです。", "This entry is demo data."),
        ("札幌市内で家族を介護している人。", "Carers in Sapporo."),
        ("当日参加できます。", "Just come along."),
        ("無料。", "Free."),
        "デモデータ",
        "つどい さろん",
        scope=Scope.MUNICIPAL,
    ),
    content.S(
        "demo-hakodate-centre",
        "demo-hakodate",
        ("consultation",),
        (C, CR, FA),
        (
            "【デモ】函館市 西部地域包括支援センター",
            "[Demo] Hakodate West community general support centre",
        ),
        (
            "デモ用の架空の窓口です。函館市西部地区の高齢者と家族の相談を受け付けます。",
            "A fictional window for the demo for older people and families in western Hakodate.",
        ),
        ("このエントリーはデモデータです。", "This entry is demo data."),
        (
            "函館市西部地区に住む65歳以上の人と家族。",
            "People aged 65+ in western Hakodate and their families.",
        ),
        ("電話または来所。", "Phone or visit."),
        content.FREE,
        "デモデータ",
        "ほうかつ はこだて",
        scope=Scope.MUNICIPAL,
        phone="0138-00-0000",
    ),
    content.S(
        "demo-hakodate-supplies",
        "demo-hakodate",
        ("financial",),
        (C, FA),
        ("【デモ】函館市 家族介護用品の支給", "[Demo] Hakodate care supplies for families"),
        (
            "デモ用の架空の制度です。在宅で介護している家族に紙おむつなどを支給します。",
            "A fictional scheme for the demo: nappies and other supplies for families caring at home.",
        ),
        ("このエントリーはデモデータです。", "This entry is demo data."),
        (
            "要介護4・5の人を在宅で介護している家族。",
            "Families caring at home for someone at care level 4–5.",
        ),
        ("市の窓口に申請。", "Apply at the city office."),
        ("無料。", "Free."),
        "デモデータ",
        "おむつ かいごようひん",
        scope=Scope.MUNICIPAL,
    ),
)

DEMO_LOCATIONS = {
    "demo-sapporo-centre": ("011002", "060-0000", "札幌市中央区（デモ住所）", 43.0618, 141.3545),
    "demo-hakodate-centre": ("012025", "040-0000", "函館市（デモ住所）", 41.7687, 140.7288),
}


def load(accounts: dict) -> None:
    content.load()
    terms = content.load_taxonomy()
    orgs = {}
    for key, (code, (ja, en)) in DEMO_ORGANISATIONS.items():
        orgs[key], _ = Organization.objects.update_or_create(
            key=key,
            defaults={
                "name_ja": ja,
                "name_en": en,
                "is_demo": True,
                "municipality": Municipality.objects.get(code=code),
            },
        )
    for entry in DEMO_SERVICES:
        org = orgs[entry["org"]]
        service = content.save_entry(
            entry, organisation=org, terms=terms, is_demo=True, municipalities=[org.municipality]
        )
        if entry["key"] in DEMO_LOCATIONS:
            code, postal, address, lat, lng = DEMO_LOCATIONS[entry["key"]]
            location, _ = Location.objects.update_or_create(
                organization=org,
                name_ja=service.name_ja,
                defaults={
                    "name_en": service.name_en,
                    "municipality_id": code,
                    "postal_code": postal,
                    "address_ja": address,
                    "latitude": lat,
                    "longitude": lng,
                    "is_demo": True,
                },
            )
            ServiceAtLocation.objects.get_or_create(service=service, location=location)


def remove() -> None:
    Service.objects.filter(is_demo=True).delete()
    Location.objects.filter(is_demo=True).delete()
    # An entry staff created with a demo provider is theirs: its provider stays.
    Organization.objects.filter(is_demo=True, services__isnull=True).delete()
