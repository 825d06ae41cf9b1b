"""Caching of the public pages, emptied the moment the data behind them changes.

Every cached page's key carries a *version*, kept in the database (one row,
``core.models.PublicPagesVersion``), not in Django's cache:

- Every process reads the same number: web workers, ``manage.py import``, cron. With the
  default settings Django's cache is per process (LocMemCache), so a number kept there would
  only ever change in the process that made the change.
- It is read once per public request, one query on the primary key (a fraction of a
  millisecond); a page served from the cache costs that query and nothing else.
- A change bumps it with one atomic ``UPDATE`` registered with ``transaction.on_commit``:
  no reader sees the new number before the data it stands for has committed, and a
  transaction that rolls back bumps nothing. A transaction that changes many rows bumps once.
- The bump never goes below the current time in microseconds, so a number is never reused,
  even after the row was flushed or restored from an older backup.

With ``REDIS_URL`` the pages themselves are shared through Redis, but the version still lives
in the database: one source for every deployment, committed with the data, and safe from
Redis evicting or losing a key. The page cache can stay per process (LocMemCache): a stale
page is stored under an old version and simply never looked up again.

What changes the public pages is written once, as data, below (``PUBLIC_MODELS``,
``PRIVATE_MODELS``, ``PUBLIC_WHILE_ACCEPTED``), and applied by ``connect_invalidation()``
to the saves and deletes of the data apps. Writes that send no signals (``update()``,
``bulk_create()``) call ``invalidate_public_pages()`` themselves.

A page is never stored or served for a request with flash messages waiting (it would show
them to everyone, or hide them from their reader), and a page rendered for a signed-in user
is never stored. No public page differs by user today (``templates/base.html`` shows no
name and no logout link), so signed-in users may be served the cached page; a view that
does differ (the 進捗状況報告書 with its staff links) skips the cache for them itself.
"""

import threading
import time
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

from core.models import ROW_ID, PublicPagesVersion

PAGE_SECONDS = 10 * 60  # also bounds anything that changes with the date alone
DATA_APPS = {"plans", "indicators", "councils", "centers", "progress_reports"}

# Which writes change what the public sees. Every model of DATA_APPS is in exactly one of
# the three (tests/core/test_cache.py checks), so a new model needs a decision; one that
# is in none counts as public.
PUBLIC_MODELS = frozenset(
    {
        "plans.Plan",
        "plans.BasicPolicy",
        "plans.Measure",
        "plans.MeasureObjective",
        "plans.Project",
        "plans.ProjectPhase",
        "plans.ProjectRole",
        "plans.ProjectYearStatus",  # staff's own rows; a withdrawal must leave at once
        "plans.GlossaryTerm",
        "plans.HistoryEntry",
        "plans.BodyRole",
        "plans.ActionStandard",
        "indicators.Indicator",
        "indicators.IndicatorValue",
        "councils.Region",
        "councils.District",
        "councils.CollaborationBody",
        "councils.SupportMeasure",  # named in the survey of accepted reports
        "centers.CivicCenter",
        "centers.ManagementPeriod",
        "centers.CenterUsage",
        "centers.Population",
        "progress_reports.FrozenReport",
    }
)
PRIVATE_MODELS = frozenset(
    {
        # Seen only in the portal and the admin.
        "councils.BodyReporter",
        "councils.ReportingPeriod",
        "councils.ReportExtension",
        "councils.ReportReminder",
        # History rows are written by the save of the row they record, which decides.
        "plans.HistoricalProjectYearStatus",
        "indicators.HistoricalIndicator",
        "indicators.HistoricalIndicatorValue",
        "councils.HistoricalAnnualReport",
        "councils.HistoricalReportExtension",
    }
)
# An annual report and its parts are public only while the report is 受理; the value is
# the path from a row to its report ("" for the report itself).
PUBLIC_WHILE_ACCEPTED = {
    "councils.AnnualReport": "",
    "councils.RoleAssessment": "report",
    "councils.Activity": "report",
    "councils.ActivityPhoto": "activity.report",
    "councils.CenterReport": "report",
    "councils.SupportRating": "report",
    "councils.ReviewComment": "report",
    "councils.ReportSnapshot": "report",
}
# councils.AnnualReport.Status.ACCEPTED, spelt out: the base app imports no domain app.
REPORT_ACCEPTED = "受理"


def changes_public_pages(instance, *, update_fields=None, raw=False) -> bool:
    """Whether saving or deleting ``instance`` may change a public page.

    A report moves into or out of 受理 only through ``councils.services.report_transition``,
    which saves it with ``update_fields`` naming ``status``: such a save counts whatever the
    new state, since the one before may have been 受理.
    """
    label = instance._meta.label
    if label in PRIVATE_MODELS:
        return False
    if label not in PUBLIC_WHILE_ACCEPTED or raw:
        return True  # public, or not yet classified, or loaded from a fixture
    if label == "councils.AnnualReport" and update_fields and "status" in update_fields:
        return True
    report = instance
    try:
        for name in filter(None, PUBLIC_WHILE_ACCEPTED[label].split(".")):
            report = getattr(report, name)
    except ObjectDoesNotExist:  # the report is already gone: decide for safety
        return True
    return report is None or report.status == REPORT_ACCEPTED


def public_version() -> int:
    """The current version of the public pages (one query); 0 if the row is missing."""
    versions = (
        PublicPagesVersion.objects.filter(pk=ROW_ID).order_by().values_list("version", flat=True)
    )
    return next(iter(versions), 0)


def bump_public_version() -> None:
    """Increase the version now, in one atomic UPDATE (recreating the row if it was flushed)."""
    now = time.time_ns() // 1000
    bumped = PublicPagesVersion.objects.filter(pk=ROW_ID).update(
        version=Greatest(F("version") + 1, Value(now))
    )
    if not bumped:
        PublicPagesVersion.objects.get_or_create(pk=ROW_ID, defaults={"version": now})


class _Bump:
    """The bump of one transaction, registered once per change it makes: the first call
    after the commit bumps, the others do nothing."""

    done = False

    def __call__(self):
        if not self.done:
            self.done = True
            bump_public_version()


_this_thread = threading.local()  # each thread has its own database connection


def invalidate_public_pages() -> None:
    """Empty the public pages once the current transaction commits (at once outside one).

    Each change registers the transaction's one ``_Bump`` again rather than checking whether
    an earlier change already did, so a savepoint rolled back with an earlier change cannot
    take the bump of a later one with it.
    """
    bump = getattr(_this_thread, "bump", None)
    if bump is None or bump.done:
        bump = _this_thread.bump = _Bump()
    # Robust: the data has committed by then; a failed bump is logged and delays the change
    # on the public pages by PAGE_SECONDS at most, instead of failing the request.
    transaction.on_commit(bump, robust=True)


def _has_messages(request) -> bool:
    """Whether flash messages wait for this request; reading them so does not mark them shown."""
    return len(messages.get_messages(request)) > 0


def cached_public_page(view):
    """Serve a public GET page from the cache; the same for everyone who asks."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if (
            request.method not in ("GET", "HEAD")
            or not settings.PUBLIC_PAGE_CACHE
            or _has_messages(request)
        ):
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
            if (
                response.status_code == 200
                and not response.streaming
                and not response.cookies
                and not _has_messages(request)  # added or shown while rendering
                and not request.user.is_authenticated
            ):
                if hasattr(response, "render"):
                    response.render()
                cache.set(key, response, PAGE_SECONDS)
        return response

    return wrapped


def _saved(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if changes_public_pages(instance, update_fields=update_fields, raw=raw):
        invalidate_public_pages()


def _deleted(sender, instance, **kwargs) -> None:
    if changes_public_pages(instance):
        invalidate_public_pages()


def _related_changed(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        invalidate_public_pages()


def connect_invalidation() -> None:
    """Let every save and delete in DATA_APPS that may change a public page empty them."""
    for model in apps.get_models():
        label = model._meta.label
        if model._meta.app_label not in DATA_APPS or label in PRIVATE_MODELS:
            continue
        post_save.connect(_saved, sender=model, dispatch_uid=f"public-pages-save-{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"public-pages-delete-{label}")
        if label in PUBLIC_WHILE_ACCEPTED:
            continue
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _related_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"public-pages-m2m-{label}-{field.name}",
            )
