"""Choices of the catalogue: audiences, scopes, origins and their attributions, statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

VERIFY_AFTER_DAYS = 365  # an entry not verified for 12 months is flagged


class Audience(models.TextChoices):
    CARED_FOR = "cared_for", _("The person cared for")
    CARERS = "carers", _("Carers")
    YOUNG_CARERS = "young_carers", _("Young carers")
    WORKING_CARERS = "working_carers", _("Working carers")
    FAMILY = "family", _("The family")


class Scope(models.TextChoices):
    NATIONAL = "national", _("National")
    PREFECTURAL = "prefectural", _("Prefectural")
    MUNICIPAL = "municipal", _("Municipal")


class Origin(models.TextChoices):
    """Where an entry comes from: typed by staff, or an open-data import (whose
    columns the next import overwrites; the staff-owned texts it never touches)."""

    STAFF = "", _("Entered by staff")
    KAIGO = "kaigo", _("MHLW care-service provider open data")
    FACILITIES = "facilities", _("Public facilities list (support desks)")


# 公共データ利用規約（第1.0版）asks for the source and, when the data was
# changed, a statement that it was processed (and not by the publisher).
ATTRIBUTIONS = {
    Origin.KAIGO: _(
        "Source: Ministry of Health, Labour and Welfare, Long-term Care Service Information "
        "Publication System open data (介護サービス情報公表システム オープンデータ), used under "
        "the Public Data License (公共データ利用規約) version 1.0. This portal processed the "
        "data (reformatted it and linked it to municipalities); it is not the ministry's "
        "own presentation."
    ),
    Origin.FACILITIES: _(
        "Source: public facilities lists (公共施設一覧) of local governments, recommended "
        "dataset format of the Digital Agency, used under the Public Data License "
        "(公共データ利用規約) version 1.0 / CC BY 4.0. This portal processed the data "
        "(reformatted it and linked it to municipalities)."
    ),
}


class ServiceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ReportStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("report status", "Open")
    RESOLVED = "resolved", _("Resolved")


class ImportKind(models.TextChoices):
    KAIGO = "kaigo", _("Care-service providers (MHLW open data, jigyosho_<code>.csv)")
    WINDOWS = "windows", _("Support desks (public facilities list, 公共施設一覧)")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
