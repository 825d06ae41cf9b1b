"""``manage.py remove_unused_files``: files no row names, older than a day, and only those."""

import datetime
import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from councils.models import CollaborationBody

pytestmark = pytest.mark.django_db


def age(path, hours):
    then = (datetime.datetime.now() - datetime.timedelta(hours=hours)).timestamp()
    os.utime(path, (then, then))


def run(*args) -> str:
    out = io.StringIO()
    call_command("remove_unused_files", *args, stdout=out)
    return out.getvalue()


def test_only_old_files_no_row_names_are_removed(settings):
    body = CollaborationBody.objects.get(name="真柴まちづくり協議会")
    body.plan_pdf.save("計画.pdf", ContentFile(b"%PDF-1.4 plan"))
    named = body.plan_pdf.path
    folder = settings.MEDIA_ROOT / "reports" / "2025" / str(body.pk)
    folder.mkdir(parents=True)
    (folder / "left.jpg").write_bytes(b"x" * 2048)
    (folder / "writing.jpg").write_bytes(b"x" * 10)  # a save still in progress
    age(named, 48)
    age(folder / "left.jpg", 48)
    age(folder / "writing.jpg", 2)

    out = run()

    assert f"reports/2025/{body.pk}/left.jpg（2,048バイト）" in out
    assert "使われていないファイルを1件、合計2,048バイト削除しました。" in out
    assert not (folder / "left.jpg").exists()
    assert (folder / "writing.jpg").exists()
    assert os.path.exists(named)
    assert run("--hours", "1").count("（10バイト）") == 1
    assert not (folder / "writing.jpg").exists()


def test_nothing_uploaded_yet_is_nothing_to_do(settings):
    assert not settings.MEDIA_ROOT.exists()
    assert "0件" in run("--dry-run")


def test_the_hours_must_be_positive():
    with pytest.raises(CommandError, match="--hours は1以上"):
        run("--hours", "0")
