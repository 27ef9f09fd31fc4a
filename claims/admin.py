from __future__ import annotations

from django.contrib import admin

from .models import Article, Claim, EntityAlias, Link, Note, Outlet, Story


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "url"]
    search_fields = ["name"]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "story", "published", "language", "extraction_status"]
    list_filter = ["extraction_status", "language", "outlet", "story"]
    search_fields = ["title", "url", "author"]
    date_hierarchy = "published"
    raw_id_fields = ["story"]
    # The text is what every claim's offsets point into: shown, never edited here.
    readonly_fields = ["text", "content_hash", "pipeline_version", "created_at", "match_pending"]
    exclude = ["entity_keys", "incident"]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["short_text", "article", "origin", "speaker", "is_quote", "hedged", "start"]
    list_filter = ["origin", "is_quote", "hedged"]
    search_fields = ["text", "speaker", "article__title"]
    raw_id_fields = ["article", "created_by"]
    list_select_related = ["article"]

    @admin.display(description="claim")
    def short_text(self, obj: Claim) -> str:
        return obj.text[:100]


@admin.register(Link)
class LinkAdmin(admin.ModelAdmin):
    list_display = ["id", "relation", "source", "target", "author", "created_at"]
    list_filter = ["relation"]
    search_fields = ["source__text", "target__text", "note"]
    raw_id_fields = ["source", "target", "author"]
    list_select_related = ["source", "target", "author"]


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["body", "claim", "link", "author", "created_at"]
    search_fields = ["body"]
    raw_id_fields = ["claim", "link", "author"]


@admin.register(EntityAlias)
class EntityAliasAdmin(admin.ModelAdmin):
    list_display = ["alias", "canonical", "created_by", "created_at"]
    search_fields = ["alias", "canonical"]
    raw_id_fields = ["created_by"]
