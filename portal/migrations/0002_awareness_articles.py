"""Once loaded the core awareness articles. They are content files now
(portal/content/articles/), loaded by ``manage.py load_content``; this
migration stays, empty, so that the migration history is unchanged."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = []
