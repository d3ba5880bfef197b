"""The WSGI application, for gunicorn: ``gunicorn clearsight.web.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearsight.web.settings")
application = get_wsgi_application()
