from django.db import models


class Row(models.Model):
    name = models.CharField(max_length=100)
    note = models.CharField(max_length=200)
    created_at = models.DateTimeField()

    class Meta:
        app_label = "benchref"

    def __str__(self):
        return self.name
