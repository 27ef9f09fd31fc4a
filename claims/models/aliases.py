"""The alias table: analysts' rulings that a name stands for an entity."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models

from ..entities import normal_aliases
from .audit import every_change


class EntityAliasQuerySet(models.QuerySet):
    def as_map(self) -> dict[str, str]:
        """Normal form of each alias -> canonical name, as ``claims.entities`` reads it."""
        return normal_aliases(dict(self.values_list("alias", "canonical")))


@pghistory.track(
    *every_change(),
    fields=["alias", "canonical"],
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    model_name="AliasEvent",
)
class EntityAlias(models.Model):
    """An analyst's ruling that a name stands for an entity: "the Kremlin" -> "Russia"."""

    alias = models.CharField(max_length=200, unique=True)
    canonical = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EntityAliasQuerySet.as_manager()

    class Meta:
        ordering = ["canonical", "alias"]
        verbose_name_plural = "entity aliases"

    def __str__(self) -> str:
        return f"{self.alias} → {self.canonical}"
