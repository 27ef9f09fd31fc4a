from __future__ import annotations

from django.db import migrations


def backfill(apps, schema_editor):
    # Pure functions of names, with no model in them: safe to call from a migration.
    from claims.entities import NAMED, entity_key

    Article = apps.get_model("claims", "Article")
    Claim = apps.get_model("claims", "Claim")
    for article in Article.objects.only("pk").iterator():
        keys = {
            entity_key(e["text"])
            for entities in Claim.objects.filter(article=article).values_list("entities", flat=True)
            for e in entities
            if e["label"] in NAMED
        }
        Article.objects.filter(pk=article.pk).update(entity_keys=sorted(k for k in keys if k))


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_article_entity_keys")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
