from __future__ import annotations


class InputError(Exception):
    """An input that cannot become an article; the message is shown to the user as is."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else "invalid input"
