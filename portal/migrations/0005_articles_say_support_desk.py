"""The English of the seeded articles follows docs/glossary.md: a place to ask
for help (相談窓口) is a "support desk", never a "consultation window"."""

from django.db import migrations

REPLACEMENTS = (
    ("consultation windows", "support desks"),
    ("Consultation windows", "Support desks"),
    ("consultation window", "support desk"),
    ("Consultation window", "Support desk"),
    ("long-term care insurance window", "long-term care insurance desk"),
)
FIELDS = ("title_en", "summary_en", "body_en")


def forwards(apps, schema_editor):
    Article = apps.get_model("portal", "Article")
    for article in Article.objects.all():
        changed = []
        for field in FIELDS:
            text = getattr(article, field)
            for old, new in REPLACEMENTS:
                text = text.replace(old, new)
            if text != getattr(article, field):
                setattr(article, field, text)
                changed.append(field)
        if changed:
            article.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_merge_plan_wording_site_pages_young_carers")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
