from __future__ import annotations

from django.urls import path

from .views import (
    aliases,
    browse,
    compare,
    conflicts,
    facts,
    health,
    ingest,
    notes,
    reader,
    stories,
    suggestions,
)

app_name = "claims"
urlpatterns = [
    path("", browse.article_list, name="article_list"),
    path("healthz", health.healthz, name="healthz"),
    path("articles/<int:pk>/", reader.article_detail, name="article_detail"),
    path("articles/<int:pk>/claims/<int:claim_id>/", reader.claim_detail, name="claim_detail"),
    path("articles/<int:pk>/delete/", reader.article_delete, name="article_delete"),
    path("compare/<int:a>/<int:b>/", compare.compare, name="compare"),
    path("compare/<int:a>/<int:b>/select/", compare.selection_panel, name="selection_panel"),
    path("compare/<int:a>/<int:b>/links/", compare.link_create, name="link_create"),
    path("compare/<int:a>/<int:b>/links/<int:link_id>/edit/", compare.link_edit, name="link_edit"),
    path(
        "compare/<int:a>/<int:b>/links/<int:link_id>/delete/",
        compare.link_delete,
        name="link_delete",
    ),
    path(
        "compare/<int:a>/<int:b>/suggestions/<int:pk>/accept/",
        suggestions.suggestion_accept,
        name="suggestion_accept",
    ),
    path(
        "compare/<int:a>/<int:b>/suggestions/<int:pk>/dismiss/",
        suggestions.suggestion_dismiss,
        name="suggestion_dismiss",
    ),
    path("conflicts/", conflicts.conflict_list, name="conflict_list"),
    path("conflicts/export.csv", conflicts.conflict_export, name="conflict_export"),
    path("conflicts/<int:pk>/review/", conflicts.conflict_review, name="conflict_review"),
    path("stories/<int:pk>/facts/", facts.story_facts, name="story_facts"),
    path("stories/<int:pk>/match/", stories.story_match, name="story_match"),
    path("claims/<int:pk>/notes/", notes.note_list, {"kind": "claim"}, name="claim_notes"),
    path("claims/<int:pk>/notes/add/", notes.note_add, {"kind": "claim"}, name="claim_note_add"),
    path("links/<int:pk>/notes/", notes.note_list, {"kind": "link"}, name="link_notes"),
    path("links/<int:pk>/notes/add/", notes.note_add, {"kind": "link"}, name="link_note_add"),
    path("notes/<int:pk>/edit/", notes.note_edit, name="note_edit"),
    path("notes/<int:pk>/delete/", notes.note_delete, name="note_delete"),
    path("stories/", stories.story_list, name="story_list"),
    path("stories/<int:pk>/", stories.story_detail, name="story_detail"),
    path("stories/<int:pk>/rename/", stories.story_rename, name="story_rename"),
    path("stories/<int:pk>/merge/", stories.story_merge, name="story_merge"),
    path("stories/<int:pk>/split/", stories.story_split, name="story_split"),
    path("articles/<int:pk>/story/", stories.article_move, name="article_move"),
    path("aliases/", aliases.alias_list, name="alias_list"),
    path("aliases/add/", aliases.alias_add, name="alias_add"),
    path("aliases/<int:pk>/delete/", aliases.alias_delete, name="alias_delete"),
    path("ingest/", ingest.ingest_page, name="ingest"),
    path("ingest/paste/", ingest.ingest_paste, name="ingest_paste"),
    path("ingest/upload/", ingest.ingest_upload, name="ingest_upload"),
    path("ingest/url/", ingest.ingest_url, name="ingest_url"),
]
