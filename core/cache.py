"""Caching of the public pages, emptied the moment the data behind them changes.

Each database table behind the public pages has a *version*, kept in the database (one row
per table, ``core.models.PublicTableVersion``), not in Django's cache:

- Every process reads the same numbers: web workers, ``manage.py import``, cron. With the
  default settings Django's cache is per process (LocMemCache), so a number kept there would
  only ever change in the process that made the change.
- They are read once per public request, in one query on a table of a few dozen rows.
- A page is stored with the versions of the tables it read while it was rendered (the SQL
  it ran, seen through ``connection.execute_wrapper``), as they were *before* rendering.
  It is served again only while every one of them is unchanged: a change to the reports
  empties the pages that show reports and leaves the plan's pages in the cache.
- A change bumps its tables with one atomic ``UPDATE`` registered with
  ``transaction.on_commit``: no reader sees the new number before the data it stands for
  has committed, and a transaction that rolls back bumps nothing. A transaction that
  changes many rows bumps once.
- A bump never goes below the current time in microseconds, so a number is never reused,
  even after the rows were flushed or restored from an older backup.

With ``REDIS_URL`` the pages themselves are shared through Redis, but the versions still
live in the database: one source for every deployment, committed with the data, and safe
from Redis evicting or losing a key. The page cache can stay per process (LocMemCache): a
page stored under older versions is simply rendered again.

What changes the public pages is written once, as data, below (``PUBLIC_MODELS``,
``PRIVATE_MODELS``, ``PUBLIC_WHILE_ACCEPTED``), and applied by ``connect_invalidation()``
to the saves and deletes of the data apps. Writes that send no signals (``update()``,
``bulk_create()``) call ``invalidate_public_pages()`` themselves, naming their models (or
nothing, which empties every page).

A page is never stored or served for a request with flash messages waiting (it would show
them to everyone, or hide them from their reader), and a page rendered for a signed-in user
is never stored. No public page differs by user today (``templates/base.html`` shows no
name and no logout link), so signed-in users may be served the cached page; a view that
does differ (the 進捗状況報告書 with its staff links) skips the cache for them itself.
"""

import functools
import hashlib
import threading
import time
from contextlib import contextmanager
from functools import wraps
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import translation

from core.models import EVERY_PAGE, PublicTableVersion

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
# Every page shows a banner while sample figures are in the database
# (``ichinoseki_kyodo.context_processors``). It reads these tables, but depends only on
# their sample rows: a save or delete that involves a sample row bumps SAMPLE_DATA, and
# the banner's query counts as reading SAMPLE_DATA instead of the tables, so a new actual
# does not empty every page.
SAMPLE_FLAGGED = frozenset({"indicators.IndicatorValue", "plans.ProjectYearStatus"})
SAMPLE_DATA = "sample-data"


def changes_public_pages(instance, *, update_fields=None, raw=False) -> bool:
    """Whether saving or deleting ``instance`` may change a public page.

    A report moves into or out of 受理 only through ``councils.services.report_transition``,
    which saves it with ``update_fields`` naming ``status`` and records the state it moved
    from as ``status_before``: a move counts when either side is 受理 (a submission or a
    return changes no public page). A save naming ``status`` without saying where it came
    from counts whatever the new state, since the one before may have been 受理.
    """
    label = instance._meta.label
    if label in PRIVATE_MODELS:
        return False
    if label not in PUBLIC_WHILE_ACCEPTED or raw:
        return True  # public, or not yet classified, or loaded from a fixture
    if label == "councils.AnnualReport" and update_fields and "status" in update_fields:
        before = getattr(instance, "status_before", None)
        return before is None or REPORT_ACCEPTED in (before, instance.status)
    report = instance
    try:
        for name in filter(None, PUBLIC_WHILE_ACCEPTED[label].split(".")):
            report = getattr(report, name)
    except ObjectDoesNotExist:  # the report is already gone: decide for safety
        return True
    return report is None or report.status == REPORT_ACCEPTED


def page_versions() -> dict[str, int]:
    """The current version of every table behind the public pages (one query)."""
    return dict(PublicTableVersion.objects.order_by().values_list("table", "version"))


def public_version() -> int:
    """The newest version of any table: it grows with every change to the public pages."""
    return max(page_versions().values(), default=0)


def bump_tables(tables) -> None:
    """Increase the versions of ``tables`` now, in one atomic UPDATE (creating the rows a
    table's first change needs)."""
    tables = sorted(set(tables))
    now = time.time_ns() // 1000
    bumped = PublicTableVersion.objects.filter(table__in=tables).update(
        version=Greatest(F("version") + 1, Value(now))
    )
    if bumped < len(tables):
        # A new number either way: one made here, or one another process made just now.
        PublicTableVersion.objects.bulk_create(
            [PublicTableVersion(table=table, version=now) for table in tables],
            ignore_conflicts=True,
        )


@functools.cache
def tables_of(model) -> tuple[str, ...]:
    """The tables a save of ``model`` writes: its own, those of its concrete parents, and its
    history (whose own saves bump nothing: they follow the row they record). Worked out once
    per model: finding the history model is slow enough to matter in a 7,000-row import."""
    tables = [m._meta.db_table for m in (model, *model._meta.get_parent_list())]
    history = getattr(model._meta, "simple_history_manager_attribute", None)
    if history:
        tables.append(getattr(model, history).model._meta.db_table)
    return tuple(tables)


class _Bump:
    """The bump of one transaction, registered once per change it makes: the first call
    after the commit bumps every table the transaction changed, the others do nothing."""

    done = False

    def __init__(self):
        self.tables = set()

    def __call__(self):
        if not self.done:
            self.done = True
            bump_tables(self.tables)


_this_thread = threading.local()  # each thread has its own database connection


def invalidate_public_pages(*models) -> None:
    """Empty the public pages that read ``models`` (models, or names such as SAMPLE_DATA;
    every page if none is named) once the current transaction commits (at once outside one).

    Each change registers the transaction's one ``_Bump`` again rather than checking whether
    an earlier change already did, so a savepoint rolled back with an earlier change cannot
    take the bump of a later one with it (its tables stay: emptying a page too many is
    harmless).
    """
    bump = getattr(_this_thread, "bump", None)
    if bump is None or bump.done:
        bump = _this_thread.bump = _Bump()
    for model in models:
        bump.tables.update([model] if isinstance(model, str) else tables_of(model))
    if not models:
        bump.tables.add(EVERY_PAGE)
    # Robust: the data has committed by then; a failed bump is logged and delays the change
    # on the public pages by PAGE_SECONDS at most, instead of failing the request.
    transaction.on_commit(bump, robust=True)


class _TablesRead:
    """Records which of the known tables the SQL run on a connection names (or, inside
    ``reading_as()``, the name given there instead)."""

    def __init__(self):
        self.found = {EVERY_PAGE}

    def __call__(self, execute, sql, params, many, context):
        instead = getattr(_this_thread, "reading_as", None)
        if instead:
            self.found.add(instead)
        else:
            self.found.update(table for table in _known_tables() if table in sql)
        return execute(sql, params, many, context)


@contextmanager
def reading_as(name):
    """Count the queries run inside as reading ``name`` (e.g. SAMPLE_DATA) for the page
    cache; whatever bumps ``name`` then empties the pages that ran them."""
    before = getattr(_this_thread, "reading_as", None)
    _this_thread.reading_as = name
    try:
        yield
    finally:
        _this_thread.reading_as = before


@functools.cache
def _known_tables() -> tuple[str, ...]:
    """Every table a public page may read. A name is looked for as it is, quoted or not: one
    that is part of a longer name (``councils_activity`` in ``councils_activityphoto``)
    only adds a table the page may not need, which can empty it once too often, never
    keep it too long."""
    return tuple(
        sorted(
            {
                model._meta.db_table
                for model in apps.get_models(include_auto_created=True)
                if model._meta.app_label in DATA_APPS
            }
        )
    )


def _fresh(entry, versions):
    """The stored response if none of the tables it was made from has changed since."""
    if entry is None:
        return None
    read, response = entry
    if all(versions.get(table, 0) == version for table, version in read.items()):
        return response
    return None


@functools.cache
def release() -> str:
    """A short fingerprint of what renders the pages: the portal's own code, templates and
    translations, and the static files' manifest (computed once per process).

    It is part of every page's key. It is made from the files' contents, not their dates,
    so every server running one release shares its pages in Redis; a new release (a changed
    template, wording or style) never serves a page the previous one rendered, even while
    servers of both run side by side during a deploy.
    """
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(_release_files()):
        digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _release_files() -> set[Path]:
    roots = {
        Path(app.path)
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(settings.BASE_DIR)
        and "site-packages" not in Path(app.path).parts
    }
    roots |= {Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]}
    roots |= {Path(folder) for folder in settings.LOCALE_PATHS}
    files = {
        path for root in roots for glob in ("*.py", "*.html", "*.mo") for path in root.rglob(glob)
    }
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        files.add(manifest)
    return files


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
        versions = page_versions()
        key = ":".join(
            ["public-page", release(), translation.get_language() or "", request.get_full_path()]
        )
        response = _fresh(cache.get(key), versions)
        if response is not None:
            return response
        read = _TablesRead()
        with connection.execute_wrapper(read):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()  # templates run their queries now, while they are seen
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not _has_messages(request)  # added or shown while rendering
            and not request.user.is_authenticated
        ):
            made_from = {table: versions.get(table, 0) for table in read.found}
            cache.set(key, (made_from, response), PAGE_SECONDS)
        return response

    return wrapped


def _saved(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if changes_public_pages(instance, update_fields=update_fields, raw=raw):
        invalidate_public_pages(sender)
        if _involves_sample(instance, raw=raw):
            invalidate_public_pages(SAMPLE_DATA)


def _deleted(sender, instance, **kwargs) -> None:
    if changes_public_pages(instance):
        invalidate_public_pages(sender)
        if _involves_sample(instance):
            invalidate_public_pages(SAMPLE_DATA)


def _involves_sample(instance, *, raw=False) -> bool:
    """Whether this save or delete may change the sample-data banner."""
    return instance._meta.label in SAMPLE_FLAGGED and (
        raw or instance.is_sample or getattr(instance, "_was_sample", False)
    )


def _remember_sample(sender, instance, raw=False, **kwargs) -> None:
    """Whether the stored row was a sample before this save (one query on the key): a row
    that stops being one changes the banner too."""
    instance._was_sample = (
        not raw
        and instance.pk is not None
        and sender.objects.filter(pk=instance.pk, is_sample=True).exists()
    )


def _related_changed(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        invalidate_public_pages(sender)


def connect_invalidation() -> None:
    """Let every save and delete in DATA_APPS that may change a public page empty them."""
    for model in apps.get_models():
        label = model._meta.label
        if model._meta.app_label not in DATA_APPS or label in PRIVATE_MODELS:
            continue
        post_save.connect(_saved, sender=model, dispatch_uid=f"public-pages-save-{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"public-pages-delete-{label}")
        if label in SAMPLE_FLAGGED:
            pre_save.connect(
                _remember_sample, sender=model, dispatch_uid=f"public-pages-sample-{label}"
            )
        if label in PUBLIC_WHILE_ACCEPTED:
            continue
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _related_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"public-pages-m2m-{label}-{field.name}",
            )
