"""WSGI entry point: ``gunicorn ichinoseki_kyodo.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ichinoseki_kyodo.settings")

application = get_wsgi_application()
