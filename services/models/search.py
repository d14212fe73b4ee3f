"""The search index of the catalogue: one row per service and language."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models

from .catalogue import Service


class SearchEntry(models.Model):
    """The catalogue's search index: one narrow row per service with what the
    public list filters and orders by (where it applies, visibility, the
    normalised texts, a point). Derived data, rebuilt by ``services.search``
    whenever a service, its municipalities or its location change; it keeps
    searches over 200,000 imported entries off the wide service rows.

    ``areas`` holds the municipality codes of a municipal entry, or ``""``
    for national and prefectural entries (which apply everywhere); the GIN
    indexes (core PostgreSQL, no extension) answer "applies in X". They are
    built without the pending list (``fastupdate``): after a bulk import every
    search would otherwise scan the unmerged list until the next VACUUM."""

    service = models.OneToOneField(
        Service, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    areas = ArrayField(models.CharField(max_length=6), default=list)
    prefectures = ArrayField(models.CharField(max_length=2), default=list)
    scope = models.CharField(max_length=12)
    audiences = ArrayField(models.CharField(max_length=20), default=list)
    text = models.TextField()
    name = models.TextField()
    sort_name = models.CharField(max_length=200)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    listed = models.BooleanField()
    visible_from = models.DateField(null=True)
    visible_until = models.DateField(null=True)

    class Meta:
        indexes = [
            GinIndex(fields=["areas"], name="searchentry_areas_gin", fastupdate=False),
            GinIndex(fields=["prefectures"], name="searchentry_prefectures_gin", fastupdate=False),
        ]

    def __str__(self):
        return self.sort_name
