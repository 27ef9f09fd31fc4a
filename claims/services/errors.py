"""The one error type of the write services."""

from __future__ import annotations


class ServiceError(Exception):
    """A write refused for a reason the user can act on; nothing was written.

    ``message`` is shown to the user as is; ``status`` is the HTTP status a view answers
    with: 400 for a value to correct, 403 for a change this user may not make, 409 for
    a change made on a version someone else has changed since.
    """

    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.status = status

    @property
    def message(self) -> str:
        return str(self.args[0])
