"""The portal's WSGI application, telling the season benchmark whether the page cache answered.

Each response of a cached public page carries ``X-Bench-Page-Cache: hit`` or ``miss``: the
page cache's check of a stored page (``core.cache._fresh``: found, and made from the
current versions of the tables it read) is counted on its way through. Every response
carries ``X-Bench-Server-Ms``, the time the portal spent on it in the worker (from the
request reaching Django to its answer), apart from any wait for a free worker. For the
benchmark only; the portal itself serves ``ichinoseki_kyodo.wsgi``.
"""

import importlib
import threading
import time

from ichinoseki_kyodo.wsgi import application as portal

# Imported once the line above has set Django up.
page_cache = importlib.import_module("core.cache")

_lookup = threading.local()
_fresh = page_cache._fresh


def counting_fresh(entry, versions):
    """``core.cache._fresh``, remembering whether this request's page was served from it."""
    response = _fresh(entry, versions)
    _lookup.result = "miss" if response is None else "hit"
    return response


page_cache._fresh = counting_fresh


def application(environ, start_response):
    _lookup.result = None
    began = time.perf_counter()

    def start(status, headers, exc_info=None):
        spent = (time.perf_counter() - began) * 1000
        headers = [*headers, ("X-Bench-Server-Ms", f"{spent:.2f}")]
        if _lookup.result:
            headers.append(("X-Bench-Page-Cache", _lookup.result))
        return start_response(status, headers, exc_info)

    return portal(environ, start)
