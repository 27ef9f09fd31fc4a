"""Django's command line, for a checkout (``manage.py``) and an installed wheel
(``newsdesk-manage``) alike."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
