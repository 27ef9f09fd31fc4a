"""Match keys for the claims stored before matching existed."""

from __future__ import annotations

from django.db import migrations


def backfill(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    if not Claim.objects.exists():
        return  # a new database: nothing stored before matching existed
    # Only databases from before matching need today's code (claims.profiles); a fresh
    # database never imports it, so renaming or changing that code cannot break here.
    from claims.entities import normal_aliases
    from claims.profiles import match_keys

    pairs = apps.get_model("claims", "EntityAlias").objects.values_list("alias", "canonical")
    aliases = normal_aliases(dict(pairs))
    batch = []
    for claim in Claim.objects.only(
        "text", "start", "speaker", "entities", "quantities", "hedged", "article_id"
    ).iterator(chunk_size=2000):
        claim.match_keys = match_keys(claim, aliases)
        batch.append(claim)
        if len(batch) == 2000:
            Claim.objects.bulk_update(batch, ["match_keys"])
            batch = []
    Claim.objects.bulk_update(batch, ["match_keys"])


class Migration(migrations.Migration):
    dependencies = [("claims", "0007_suggestions")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
