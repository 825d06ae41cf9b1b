"""Demo accounts for trying the portal on a development machine, each password printed once.

Staff accounts (``admin``, ``editor``, ``viewer``) and two reporters, each with an
example.jp address, so that the mails the portal sends (a submission to the editor, a
return to the reporter) show on the console of ``make run``. A demo reporter
reports only for a sample body (``load_sample_data``), one without a report of the current
fiscal year, so that it starts the portal from a draft; a real body never gets a demo
account. Demo reporters of earlier versions were made for real bodies: those links are
removed here (the accounts stay, without a body to report for).
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count, Q

from core.fiscal import current_fiscal_year
from core.staff_groups import EDITOR_GROUP, VIEWER_GROUP
from councils.models import AnnualReport, BodyReporter, CollaborationBody

DEMO_ACCOUNTS = [
    # (username, superuser, group, description)
    ("admin", True, None, "管理者（スーパーユーザー）"),
    ("editor", False, EDITOR_GROUP, "市職員（編集）"),
    ("viewer", False, VIEWER_GROUP, "市職員（閲覧）"),
]
# Two reporters, each for its own sample body.
DEMO_REPORTERS = ["sample-body-1", "sample-body-2"]
# Demo reporters that earlier versions attached to real bodies.
FORMER_DEMO_REPORTERS = ["mashiba", "okita"]


def demo_email(username: str) -> str:
    """The address a demo account is made with: how a demo reporter is told from a real
    one of the same name."""
    return f"{username}@example.jp"


class Command(BaseCommand):
    help = "開発用のデモアカウントを作成し、初回だけパスワードを表示します。"

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        self.stdout.write("デモアカウント（開発用）:")
        for username, is_superuser, group_name, description in DEMO_ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is not None:
                self.stdout.write(
                    f"  {username}（{description}）: 作成済み。パスワードは作成時に表示しました。"
                    f"忘れた場合は `manage.py changepassword {username}` で再設定できます。"
                )
                self._give_address(user)
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username=username,
                email=demo_email(username),
                password=password,
                is_staff=True,
                is_superuser=is_superuser,
            )
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            self.stdout.write(
                self.style.SUCCESS(f"  {username}（{description}）: パスワード {password}")
            )
        self._detach_from_real_bodies()
        self._reporters()
        self.stdout.write("  管理画面: http://127.0.0.1:8000/admin/")
        self.stdout.write("  報告の窓口: http://127.0.0.1:8000/portal/")

    def _give_address(self, user):
        """A demo staff account made before they had addresses gets its example one; an
        address already there is left as it is."""
        if user.email:
            return
        user.email = demo_email(user.username)
        user.save(update_fields=["email"])
        self.stdout.write(f"    メールアドレス {user.email} を設定しました。")

    def _detach_from_real_bodies(self):
        """A demo reporter attached to a real body loses that link. An account of the same
        name that is not the demo one (another address) is someone's: it is left alone."""
        links = BodyReporter.objects.filter(
            user__username__in=FORMER_DEMO_REPORTERS + DEMO_REPORTERS, body__is_sample=False
        ).select_related("user", "body")
        for link in links:
            username = link.user.username
            if link.user.email != demo_email(username):
                self.stdout.write(
                    f"  {username}（{link.body}の報告担当者）: デモ用ではないアカウントのため、"
                    "そのままにしました。"
                )
                continue
            link.delete()
            self.stdout.write(
                self.style.WARNING(
                    f"  {username}: デモ用のアカウントを実在の地域協働体（{link.body}）の"
                    "報告担当から外しました。報告の窓口はサンプルの地域協働体のアカウントで"
                    "試してください。"
                )
            )

    def _reporters(self):
        User = get_user_model()
        for username in DEMO_REPORTERS:
            user = User.objects.filter(username=username).first()
            link = BodyReporter.objects.filter(user=user).select_related("body").first()
            if link is not None:
                self.stdout.write(
                    f"  {username}（{link.body}の報告担当者）: 作成済み。"
                    "パスワードは作成時に表示しました。"
                )
                continue
            body = self._free_sample_body()
            if body is None:
                done = "報告先がありません" if user else "作成しませんでした"
                self.stdout.write(
                    f"  {username}: 報告できるサンプルの地域協働体がないため、{done}"
                    "（先に `manage.py load_sample_data` を実行してください）。"
                )
                continue
            if user is not None:
                BodyReporter.objects.create(user=user, body=body)
                self.stdout.write(
                    f"  {username}（{body}の報告担当者）: 作成済み。{body}の報告担当者に"
                    "しました。パスワードは作成時に表示しました。"
                )
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username=username, email=demo_email(username), password=password
            )
            BodyReporter.objects.create(user=user, body=body)
            self.stdout.write(
                self.style.SUCCESS(f"  {username}（{body}の報告担当者）: パスワード {password}")
            )

    def _free_sample_body(self):
        """A sample body active this fiscal year, without a report of the year or another
        demo reporter; one with accepted reports of earlier years first, so that the demo
        shows a body's history beside its new draft."""
        year = current_fiscal_year()
        return (
            CollaborationBody.objects.filter(is_sample=True)
            .active_in(year)
            .exclude(reports__fiscal_year=year)
            .exclude(reporters__user__username__in=DEMO_REPORTERS)
            .annotate(
                accepted=Count("reports", filter=Q(reports__status=AnnualReport.Status.ACCEPTED))
            )
            .order_by("-accepted", "region__order", "district__order", "pk")
            .first()
        )
