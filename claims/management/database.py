"""What the data commands check first: a database whose tables are all there."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

NOT_MIGRATED = (
    "The database is not set up yet ({count} change(s) to apply): run "
    "`python manage.py migrate` first (`make run` does it for you)."
)
UNREACHABLE = "Cannot reach the database: {error}"


def require_migrated() -> None:
    """A CommandError in plain words, instead of a traceback on a missing table, when
    the database lacks some of Newsdesk's tables or cannot be reached."""
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        raise CommandError(UNREACHABLE.format(error=str(exc).strip().splitlines()[0])) from None
    if plan:
        raise CommandError(NOT_MIGRATED.format(count=len(plan)))
