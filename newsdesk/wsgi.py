from __future__ import annotations

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
application = get_wsgi_application()
# Objects made at start-up live as long as the process: keeping them out of every
# garbage collection saves a few ms on pages that build many objects (bench/pages.py).
gc.freeze()
