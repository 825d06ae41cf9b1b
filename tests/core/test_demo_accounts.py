"""The demo accounts `make run` prints: the demo reporters report for sample bodies only."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from core.fiscal import current_fiscal_year
from councils.models import AnnualReport, BodyReporter, CollaborationBody

pytestmark = pytest.mark.django_db
DEMO_REPORTERS = ["sample-body-1", "sample-body-2"]


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def demo_links():
    return list(
        BodyReporter.objects.filter(user__username__in=DEMO_REPORTERS).select_related(
            "user", "body"
        )
    )


def test_it_attaches_each_demo_reporter_to_its_own_sample_body_without_a_report_this_year():
    run("load_sample_data")
    out = run("create_demo_accounts")
    links = demo_links()
    assert sorted(link.user.username for link in links) == DEMO_REPORTERS
    assert len({link.body for link in links}) == 2
    year = current_fiscal_year()
    for link in links:
        assert link.body.is_sample and link.body.name.startswith("【サンプル】")
        assert not link.body.reports.filter(fiscal_year=year).exists()
        assert link.user.has_usable_password() and not link.user.is_staff
        assert f"{link.user.username}（{link.body}の報告担当者）: パスワード " in out
    assert not BodyReporter.objects.filter(body__is_sample=False).exists()


def test_a_demo_reporter_starts_this_years_report_as_a_draft(client):
    run("load_sample_data")
    run("create_demo_accounts")
    link = demo_links()[0]
    client.force_login(link.user)
    year = current_fiscal_year()
    assert client.get(f"/portal/reports/{year}/").status_code == 200
    assert not AnnualReport.objects.filter(body=link.body, fiscal_year=year).exists()
    saved = {"report-results_and_issues": "（サンプル）成果", "then": "list"}
    assert client.post(f"/portal/reports/{year}/results/", saved).status_code == 302
    report = AnnualReport.objects.get(body=link.body, fiscal_year=year)
    assert report.status == AnnualReport.Status.DRAFT


def test_without_sample_bodies_there_is_no_demo_reporter():
    out = run("create_demo_accounts")
    assert "load_sample_data" in out
    assert not get_user_model().objects.filter(username__in=DEMO_REPORTERS).exists()
    assert not BodyReporter.objects.exists()
    assert get_user_model().objects.filter(username="editor", is_staff=True).exists()


def test_running_it_again_keeps_the_demo_reporters_where_they_are():
    run("load_sample_data")
    passwords = re.findall(r"パスワード (\S+)", run("create_demo_accounts"))
    assert len(passwords) == 3 + 2
    before = [(link.user_id, link.body_id) for link in demo_links()]
    out = run("create_demo_accounts")
    assert not any(password in out for password in passwords)  # printed once only
    assert [(link.user_id, link.body_id) for link in demo_links()] == before


def test_after_the_sample_data_is_removed_and_loaded_again_they_report_for_it_again(
    django_capture_on_commit_callbacks,
):
    run("load_sample_data")
    run("create_demo_accounts")
    with django_capture_on_commit_callbacks(execute=True):
        run("load_sample_data", "--remove")
    assert demo_links() == []  # the accounts stay, without a body
    run("load_sample_data")
    out = run("create_demo_accounts")
    links = demo_links()
    assert len(links) == 2 and all(link.body.is_sample for link in links)
    assert "の報告担当者にしました" in out


def test_a_former_demo_reporter_is_taken_off_its_real_body(django_user_model):
    run("load_sample_data")
    real = CollaborationBody.objects.get(name="真柴まちづくり協議会")
    demo = django_user_model.objects.create_user("mashiba", "mashiba@example.jp", "old")
    BodyReporter.objects.create(user=demo, body=real)
    out = run("create_demo_accounts")
    assert not BodyReporter.objects.filter(user=demo).exists()
    assert django_user_model.objects.filter(username="mashiba").exists()
    assert "mashiba: デモ用のアカウントを実在の地域協働体（真柴まちづくり協議会）" in out
    assert not BodyReporter.objects.filter(body__is_sample=False).exists()


def test_a_real_reporter_of_the_same_name_is_left_alone(django_user_model):
    """Only the account the demo made (its example.jp address) is the demo's."""
    real = CollaborationBody.objects.get(name="興田地区振興会")
    person = django_user_model.objects.create_user("okita", "okita@city.example.org", "pw")
    BodyReporter.objects.create(user=person, body=real)
    out = run("create_demo_accounts")
    assert BodyReporter.objects.get(user=person).body == real
    assert "okita（興田地区振興会の報告担当者）: デモ用ではないアカウント" in out
