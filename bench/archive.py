"""A large archive for the page benchmark, written with COPY rather than the ORM.

Article i holds a unique dateline and a copy of both sample bodies (their claims, found
by the pipeline once, are replicated with shifted offsets); the first two hold eight
copies and 300 claims each, for the compare view. Articles come in stories of 100 and
from 20 more outlets per 10,000, as an archive grows by events and by sources; each
article has two open contradictions with the next one of its story, for the dashboard.
``Archive.grow(n)`` adds articles until there are ``n``, so one run can measure the same
pages at 10,000 articles and again at 100,000.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import scratch

PER_STORY = 100
OUTLETS_PER_10K = 20
CONFLICTS_PER_ARTICLE = 2
COMPARE_CLAIMS = 300  # the claims of each of the two articles of the compare view


def article_text(i: int, bases, copies: int) -> tuple[str, list]:
    """Article i: a unique dateline, then ``copies`` runs of both sample bodies."""
    parts, claims = [f"Benchmark report {i}"], []
    offset = len(parts[0]) + 2
    for copy in range(copies):
        for text, extracted in bases:
            body_start = text.index("\n\n") + 2
            body = f"Copy {copy}. " + text[body_start:]
            shift = offset + len(f"Copy {copy}. ") - body_start
            claims.extend(
                (c, c.start + shift, c.end + shift) for c in extracted if c.start >= body_start
            )
            parts.append(body)
            offset += len(body) + 2
    return "\n\n".join(parts), claims


ARTICLE_COLUMNS = (
    "id, title, url, author, published, text, content_hash, language, extraction_status, "
    "pipeline_version, source, created_at, entity_keys, match_pending, incident, outlet_id, "
    "story_id"
)
CLAIM_COLUMNS = (
    'id, article_id, start, "end", text, origin, speaker, is_quote, hedged, entities, '
    "quantities, disputes, match_keys, copy_key, created_at"
)
SUGGESTION_COLUMNS = (
    "key, article_a_id, article_b_id, claim_a_id, claim_b_id, relation, score, reason, "
    "topic, internal, same_source, update, hedged, different_sources, figures, "
    "entity_keys, speakers, origin, status, status_reason, version, entry, created_at"
)


class Archive:
    """The benchmark's database, grown in steps by ``grow``."""

    pair = (1, 2)  # the two 300-claim articles, compared

    def __init__(self, per_article: int) -> None:
        from django.contrib.auth.models import Group, User

        from claims.services.stories import entity_keys_of

        self.per_article = per_article
        self.bases = scratch.sample_claims()
        claims = [c for _, extracted in self.bases for c in extracted]
        # Every article holds a copy of both samples, so it has their name keys.
        self.keys = entity_keys_of(claims, aliases={})
        self.json = {id(c): (json.dumps(c.entities), json.dumps(c.quantities)) for c in claims}
        self.size = 0
        user = User.objects.create_user("bench", password="unused-bench-password")
        user.groups.add(Group.objects.get(name="analyst"))
        self.user_id = user.pk

    def grow(self, n: int) -> float:
        """Add articles (their claims, stories, outlets and conflicts) until there are
        ``n``; returns the seconds it took, vacuum included."""
        from django.db import connection

        started = time.perf_counter()
        with connection.cursor() as cursor:
            # A bulk load: no history rows for the benchmark's own articles, and the
            # keys are right by construction, so the foreign-key triggers are skipped.
            cursor.execute("SET session_replication_role = replica")
            try:
                self._stories_and_outlets(cursor, n)
                claim_ids = self._articles_and_claims(cursor, n)
                self._conflicts(cursor, claim_ids, n)
            finally:
                cursor.execute("SET session_replication_role = DEFAULT")
            for table in ("article", "claim", "story", "outlet"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('claims_{table}', 'id'), "
                    f"(SELECT max(id) FROM claims_{table}))"
                )
        if self.size == 0:
            self._links()
        self.size = n
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # as autovacuum leaves a settled archive
        return time.perf_counter() - started

    @staticmethod
    def story_id(i: int) -> int:
        return i // PER_STORY + 1

    @staticmethod
    def outlet_id(i: int) -> int:
        return i // 10_000 * OUTLETS_PER_10K + i % OUTLETS_PER_10K + 1

    def _stories_and_outlets(self, cursor, n: int) -> None:
        first_story, last_story = self.story_id(self.size) if self.size else 1, self.story_id(n - 1)
        cursor.execute(
            "INSERT INTO claims_story (id, name, created_at) SELECT s, 'Story ' || s, now() "
            "FROM generate_series(%s, %s) s ON CONFLICT (id) DO NOTHING",
            [first_story, last_story],
        )
        cursor.execute(
            "INSERT INTO claims_outlet (id, name, url) SELECT o, 'Outlet ' || o, '' "
            "FROM generate_series(1, %s) o ON CONFLICT (id) DO NOTHING",
            [self.outlet_id(n - 1) // OUTLETS_PER_10K * OUTLETS_PER_10K + OUTLETS_PER_10K],
        )

    def _article_rows(self, n: int) -> Iterator[tuple]:
        from claims.ingest.text import content_hash

        keys = "{" + ",".join(json.dumps(k) for k in self.keys) + "}"
        for i in range(self.size, n):
            text, _ = article_text(i, self.bases, 8 if i < 2 else 1)
            published = f"2018-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
            yield (
                i + 1,
                text.split("\n\n")[0],
                "",
                "",
                published,
                text,
                content_hash(text),
                "en",
                "done",
                "",
                "",
                "now()",
                keys,
                False,
                "{}",
                self.outlet_id(i),
                self.story_id(i),
            )

    def _articles_and_claims(self, cursor, n: int) -> dict[int, list[int]]:
        """COPY the articles, then their claims; returns each new article's claim ids."""
        with cursor.cursor.copy(f"COPY claims_article ({ARTICLE_COLUMNS}) FROM STDIN") as copy:
            for row in self._article_rows(n):
                copy.write_row(row)
        cursor.execute("SELECT COALESCE(max(id), 0) FROM claims_claim")
        next_id = cursor.fetchone()[0] + 1
        claim_ids: dict[int, list[int]] = {}
        with cursor.cursor.copy(f"COPY claims_claim ({CLAIM_COLUMNS}) FROM STDIN") as copy:
            for i in range(self.size, n):
                copies = 8 if i < 2 else 1
                _, claims = article_text(i, self.bases, copies)
                claims = claims[: COMPARE_CLAIMS if i < 2 else self.per_article]
                ids = claim_ids[i + 1] = []
                for claim, start, end in claims:
                    entities, quantities = self.json[id(claim)]
                    row = (next_id, i + 1, start, end, claim.text, "extracted", claim.speaker)
                    # no copy key: matching fills it in for a story's claims stored without one
                    copy.write_row(
                        (*row, False, False, entities, quantities, "[]", "{}", "", "now()")
                    )
                    ids.append(next_id)
                    next_id += 1
        return claim_ids

    def _conflicts(self, cursor, claim_ids: dict[int, list[int]], n: int) -> None:
        """Two open contradictions between each article and the next one of its story
        (claims of consecutive articles have consecutive ids)."""
        with cursor.cursor.copy(
            f"COPY claims_suggestion ({SUGGESTION_COLUMNS}) FROM STDIN"
        ) as copy:
            for article_id, ids in claim_ids.items():
                other = article_id + 1
                if other > n or self.story_id(other - 1) != self.story_id(article_id - 1):
                    continue
                for k in range(CONFLICTS_PER_ARTICLE):
                    key = f"bench-{article_id}-{k}"
                    first = ids[k * 2]
                    second = ids[-1] + 1 + k * 2  # the same sentence of the next article
                    copy.write_row(
                        (key, article_id, other, first, second, "contradicts", 0.9 - k / 10)
                        + ("death toll: about 100 versus 200", "death toll", False, False)
                        + (False, k == 1, False, "{about 100,200}", "{}", "", "matcher")
                        + ("open", "", 0, key, "now()")
                    )

    def _links(self) -> None:
        """40 links between the two articles of the compare view."""
        from claims.models import Claim, Link

        a, b = (Claim.objects.filter(article_id=pk).order_by("pk")[:40] for pk in self.pair)
        Link.objects.bulk_create(
            Link(source=x, target=y, relation="same") for x, y in zip(a, b, strict=False)
        )
