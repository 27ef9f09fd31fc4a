"""The audit trail (django-pghistory): what every tracked model records."""

from __future__ import annotations

import pghistory


# The audit trail (django-pghistory): triggers in PostgreSQL copy each change an analyst
# makes into an event table, with who (HistoryMiddleware) and when, whatever code made
# it. What the matcher and the extractor write in bulk is not tracked.
def every_change() -> tuple[pghistory.RowEvent, ...]:
    """Fresh trackers for each model (pghistory fits a tracker to the model it tracks)."""
    return (pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
