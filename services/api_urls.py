"""Open Referral HSDS 3.0 read-only API, mounted at /api/hsds/ (namespace "hsds")."""

from django.urls import path

from . import hsds

app_name = "hsds"
urlpatterns = [
    path("", hsds.root, name="root"),
    path("services", hsds.services, name="services"),
    path("services/<str:id>", hsds.service_detail, name="service"),
    path("organizations", hsds.organizations, name="organizations"),
    path("organizations/<str:id>", hsds.organization_detail, name="organization"),
    path("service_at_locations", hsds.service_at_locations, name="service_at_locations"),
    path(
        "service_at_locations/<str:id>", hsds.service_at_location_detail, name="service_at_location"
    ),
    path("taxonomies", hsds.taxonomies, name="taxonomies"),
    path("taxonomies/<str:id>", hsds.taxonomy_detail, name="taxonomy"),
    path("taxonomy_terms", hsds.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:id>", hsds.taxonomy_term_detail, name="taxonomy_term"),
    # Anything else under /api/hsds/ is a JSON 404, like an unknown id.
    path("<path:path>", hsds.not_found),
]
