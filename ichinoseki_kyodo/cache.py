"""Caching of the public pages, emptied the moment the data behind them changes.

Every cached page's key carries a *version*; any save or delete of the portal's data bumps
it, so the next request renders afresh. With several app servers the cache must be shared
(Redis, via ``REDIS_URL``) for the bump to reach all of them.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

VERSION_KEY = "public-pages:version"
PAGE_SECONDS = 10 * 60  # also bounds anything that changes with the date alone
DATA_APPS = {"plans", "indicators", "councils", "centers", "progress_reports"}


def public_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def invalidate_public_pages(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def cached_public_page(view):
    """Serve a public GET page from the cache; the same for everyone who asks."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or not settings.PUBLIC_PAGE_CACHE:
            return view(request, *args, **kwargs)
        key = ":".join(
            [
                "public-page",
                str(public_version()),
                translation.get_language() or "",
                request.get_full_path(),
            ]
        )
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                if hasattr(response, "render"):
                    response.render()
                cache.set(key, response, PAGE_SECONDS)
        return response

    return wrapped


def connect_invalidation() -> None:
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in apps.get_models():
        if model._meta.app_label in DATA_APPS:
            for signal in (post_save, post_delete, m2m_changed):
                signal.connect(
                    invalidate_public_pages,
                    sender=model,
                    dispatch_uid=f"public-pages-{model._meta.label}-{id(signal)}",
                )
