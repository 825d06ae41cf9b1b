"""The portal's WSGI application, telling the season benchmark whether the page cache answered.

Each response of a cached public page carries ``X-Bench-Page-Cache: hit`` or ``miss``: the
page cache's lookup (``core.cache.cached_public_page``) is counted on its way through. Every
response carries ``X-Bench-Server-Ms``, the time the portal spent on it in the worker (from
the request reaching Django to its answer), apart from any wait for a free worker. For the
benchmark only; the portal itself serves ``ichinoseki_kyodo.wsgi``.
"""

import importlib
import threading
import time

from ichinoseki_kyodo.wsgi import application as portal

# Imported once the line above has set Django up.
page_cache = importlib.import_module("core.cache")

_lookup = threading.local()


class CountingCache:
    """Django's cache, remembering whether this request's public-page lookup found a page."""

    def __init__(self, cache):
        self._cache = cache

    def get(self, key, *args, **kwargs):
        value = self._cache.get(key, *args, **kwargs)
        if isinstance(key, str) and key.startswith("public-page:"):
            _lookup.result = "miss" if value is None else "hit"
        return value

    def __getattr__(self, name):
        return getattr(self._cache, name)


page_cache.cache = CountingCache(page_cache.cache)


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
