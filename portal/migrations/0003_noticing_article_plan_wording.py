"""The noticing article's signs 4 and 5 in the plan's wording (公的サービスを
利用しようとしない; どこにも相談していない). Only an unedited article changes."""

from django.db import migrations

SLUG = "noticing-a-carer"
CHANGES = {
    "body_ja": (
        (
            "4. **公的サービスを使っていない、または拒んでいる**：サービスを知らない、使いたがらない",
            "4. **公的サービスを利用しようとしない**：サービスを知らない、使うことをためらっている、"
            "勧められても断ってしまう",
        ),
        (
            "5. **介護について誰にも話していない**：相談相手がいない、孤立している",
            "5. **どこにも相談していない**：窓口にも専門職にも、家族や友人にも相談できず、孤立している",
        ),
    ),
    "body_en": (
        (
            "4. **Public services not used, or refused**: they do not know the services, "
            "or do not want them",
            "4. **Not trying to use public services**: they do not know the services, hesitate "
            "to use them, or turn them down when offered",
        ),
        (
            "5. **Not talking to anyone about the care**: no one to confide in, isolated",
            "5. **Not consulting anyone**: no window, no professional, no family member or friend "
            "to turn to; isolated",
        ),
    ),
}


def reword(apps, schema_editor, reverse=False):
    Article = apps.get_model("portal", "Article")
    for article in Article.objects.filter(slug=SLUG):
        changed = []
        for field, pairs in CHANGES.items():
            text = getattr(article, field)
            for old, new in pairs:
                old, new = (new, old) if reverse else (old, new)
                if old in text:
                    text = text.replace(old, new)
                    changed.append(field)
            setattr(article, field, text)
        if changed:
            article.save(update_fields=sorted(set(changed)))


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_awareness_articles")]

    operations = [
        migrations.RunPython(reword, lambda apps, se: reword(apps, se, reverse=True)),
    ]
