from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Services")

    def ready(self):
        from carers.api import household_tool_register

        household_tool_register("services:household_guidance", _("Run service guidance"))

        # The search index is derived data (like Service.search_text): kept in
        # step with every ORM write of a service, its municipalities or its
        # locations. Bulk importers refresh it themselves, set-based. (A removed
        # location link is not hooked: during a service's cascade delete it
        # would index the service again.)
        from django.db.models.signals import m2m_changed, post_save

        from . import search
        from .models import Location, Service, ServiceAtLocation

        def service_saved(sender, instance, raw=False, **kwargs):
            if not raw:
                search.refresh([instance.pk])

        def areas_changed(sender, instance, action, reverse, pk_set, **kwargs):
            if action in ("post_add", "post_remove", "post_clear"):
                ids = list(pk_set or []) if reverse else [instance.pk]
                if reverse and action == "post_clear":
                    ids = None  # a municipality's links cleared: rare, rebuild all
                search.refresh(ids)

        def link_changed(sender, instance, raw=False, **kwargs):
            if not raw:
                search.refresh([instance.service_id])

        def location_saved(sender, instance, raw=False, **kwargs):
            if not raw:
                search.refresh(
                    ServiceAtLocation.objects.filter(location=instance).values_list(
                        "service_id", flat=True
                    )
                )

        post_save.connect(service_saved, sender=Service, dispatch_uid="search-service")
        m2m_changed.connect(
            areas_changed, sender=Service.municipalities.through, dispatch_uid="search-areas"
        )
        post_save.connect(link_changed, sender=ServiceAtLocation, dispatch_uid="search-link")
        post_save.connect(location_saved, sender=Location, dispatch_uid="search-location")

    def load_content(self):
        """The catalogue's taxonomy, providers and entries (see services.builtin)."""
        from . import builtin

        return builtin.load()
