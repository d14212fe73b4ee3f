"""Once reworded an article; the wording is in portal/content/articles/ now
(loaded by ``manage.py load_content``). Kept, empty, for the migration history."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_awareness_articles")]

    operations = []
