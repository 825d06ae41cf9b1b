"""Uploaded files leave ``MEDIA_ROOT`` with the rows that hold them.

A file goes once the transaction that removed its row (or replaced it in a ``FileField``) has
committed — a rollback keeps both the row and its file — and only if no row of any model still
names it: two rows may share one file.

Every path has to be covered: a photo or an activity deleted in the report form, the activities
and photos that go with a report a superuser deletes in the admin (Django's cascade), a body's
plan PDF or photo replaced in the admin, a body or centre deleted. The admin and the cascade go
through no service, and a cascade tells about the rows it removes only through ``post_delete``.
So ``connect_file_cleanup()`` (called from ``PortalConfig.ready()``) listens on every model with
a ``FileField``; services need do nothing. This is housekeeping of storage, not business logic:
the database stays the only truth, and a file no row names is garbage.

Why not django-cleanup, which works through the same signals: it deletes a file even while
another row still points at it, and offers no way to check first.

One case the signals cannot cover: a file written for a row whose transaction then rolls
back (a photo stored, then the insert of its row failing), since Django tells of no
rollback. ``unused_files()`` finds such files afterwards, and ``manage.py
remove_unused_files`` (daily, from cron) removes those older than a day.
"""

import datetime

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone


def file_fields(model) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _discard(files, using) -> None:
    """Delete these (storage, name) files once the current transaction commits, each only if
    no row of any model names it by then."""
    files = [(storage, name) for storage, name in files if name]
    if files:
        transaction.on_commit(lambda: _delete_unused(files, using), using=using)


def _delete_unused(files, using) -> None:
    used = names_in_use({name for _storage, name in files}, using)
    for storage, name in files:
        if name not in used:
            storage.delete(name)


def names_in_use(names, using="default") -> set[str]:
    """Which of ``names`` some row still holds, in any file field of any model."""
    used = set()
    for model in apps.get_models():
        fields = [f.attname for f in file_fields(model)]
        if not fields:
            continue
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__in": names})
        for row in model._base_manager.using(using).filter(condition).values_list(*fields):
            used.update(row)
    return used & names


def unused_files(storage, *, older_than: datetime.timedelta, using="default"):
    """The files in ``storage`` that no row names and that nobody has written for
    ``older_than`` (a younger one may belong to a save still in progress), as (name, bytes)."""

    def walk(folder):
        folders, files = storage.listdir(folder)
        for name in files:
            yield f"{folder}/{name}" if folder else name
        for child in folders:
            yield from walk(f"{folder}/{child}" if folder else child)

    if not storage.exists(""):
        return []
    cutoff = timezone.now() - older_than
    candidates = sorted(name for name in walk("") if storage.get_modified_time(name) < cutoff)
    unused = []
    for start in range(0, len(candidates), 500):  # a bounded IN list per query
        batch = set(candidates[start : start + 500])
        unused += sorted(batch - names_in_use(batch, using))
    return [(name, storage.size(name)) for name in unused]


def _remember_stored_names(sender, instance, raw, using, update_fields, **kwargs):
    """Before a row with files is updated, note which files it held (from the database)."""
    fields = [f.attname for f in file_fields(sender)]
    if update_fields is not None:
        fields = [f for f in fields if f in update_fields]
    if raw or instance._state.adding or instance.pk is None or not fields:
        return
    stored = sender._base_manager.using(using).filter(pk=instance.pk).values(*fields).first()
    instance._stored_file_names = stored or {}


def _discard_replaced(sender, instance, using, **kwargs):
    stored = instance.__dict__.pop("_stored_file_names", {})
    _discard(
        [
            (field.storage, stored[field.attname])
            for field in file_fields(sender)
            if field.attname in stored
            and stored[field.attname] != getattr(instance, field.attname).name
        ],
        using,
    )


def _discard_deleted(sender, instance, using, **kwargs):
    _discard(
        [(field.storage, getattr(instance, field.attname).name) for field in file_fields(sender)],
        using,
    )


def connect_file_cleanup() -> None:
    for model in apps.get_models():
        if file_fields(model):
            uid = f"file-cleanup-{model._meta.label_lower}"
            pre_save.connect(_remember_stored_names, sender=model, dispatch_uid=uid)
            post_save.connect(_discard_replaced, sender=model, dispatch_uid=uid)
            post_delete.connect(_discard_deleted, sender=model, dispatch_uid=uid)
