"""Demo entries for two municipalities (札幌市, 函館市), clearly marked as demo
(``is_demo``, a "Demo" badge, "デモ" in the name) and removable. The entries
are in services/demo.yaml, in the shape of the built-in content
(services/content/), which load_demo loads first."""

from pathlib import Path

from carers.contentfiles import read_yaml

from . import builtin
from .models import Location, Organization, Service, ServiceAtLocation, TaxonomyTerm

DEMO_FILE = Path(__file__).resolve().parent / "demo.yaml"


def load(accounts: dict) -> None:
    data = read_yaml(DEMO_FILE)
    terms = {t.code: t for t in TaxonomyTerm.objects.all()}
    organisations = builtin.load_organisations(DEMO_FILE, data, is_demo=True)
    for entry in data["services"]:
        org = organisations[entry["organisation"]]
        builtin.save_service(
            DEMO_FILE,
            entry,
            organisations=organisations,
            terms=terms,
            is_demo=True,
            municipalities=[org.municipality],
        )
        place = entry.get("location")
        if place:
            service = Service.objects.get(key=entry["key"])
            location, _ = Location.objects.update_or_create(
                organization=org,
                name_ja=service.name_ja,
                defaults={
                    "name_en": service.name_en,
                    "municipality_id": place["municipality"],
                    "postal_code": place["postal_code"],
                    "address_ja": place["address"],
                    "latitude": place["latitude"],
                    "longitude": place["longitude"],
                    "is_demo": True,
                },
            )
            ServiceAtLocation.objects.get_or_create(service=service, location=location)


def remove() -> None:
    Service.objects.filter(is_demo=True).delete()
    Location.objects.filter(is_demo=True).delete()
    # An entry staff created with a demo provider is theirs: its provider stays.
    Organization.objects.filter(is_demo=True, services__isnull=True).delete()
