"""WSGI entry point (gunicorn config.wsgi)."""
import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
# Load every view and API module now, then move all that is loaded (~200,000 long-lived objects) out of the garbage
# collector's sight: its full collections otherwise walk them all, a 50-400 ms pause every few dozen requests
# under load (issue 20; gc.freeze, as the Python docs advise for pre-fork servers).
import_module(settings.ROOT_URLCONF)
gc.freeze()
