import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from core.staff_groups import EDITOR_GROUP, VIEWER_GROUP
from councils.models import BodyReporter, CollaborationBody

DEMO_ACCOUNTS = [
    # (username, superuser, group, description)
    ("admin", True, None, "管理者（スーパーユーザー）"),
    ("editor", False, EDITOR_GROUP, "市職員（編集）"),
    ("viewer", False, VIEWER_GROUP, "市職員（閲覧）"),
]
# Two sample reporters, for two different bodies.
DEMO_REPORTERS = [
    ("mashiba", "真柴まちづくり協議会"),
    ("okita", "興田地区振興会"),
]


class Command(BaseCommand):
    help = "開発用のデモアカウントを作成し、初回だけパスワードを表示します。"

    def handle(self, *args, **options):
        User = get_user_model()
        self.stdout.write("デモアカウント（開発用）:")
        for username, is_superuser, group_name, description in DEMO_ACCOUNTS:
            if User.objects.filter(username=username).exists():
                self.stdout.write(
                    f"  {username}（{description}）: 作成済み。パスワードは作成時に表示しました。"
                    f"忘れた場合は `manage.py changepassword {username}` で再設定できます。"
                )
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username=username, password=password, is_staff=True, is_superuser=is_superuser
            )
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            self.stdout.write(
                self.style.SUCCESS(f"  {username}（{description}）: パスワード {password}")
            )
        for username, body_name in DEMO_REPORTERS:
            body = CollaborationBody.objects.filter(name=body_name).first()
            if body is None:
                continue
            if User.objects.filter(username=username).exists():
                self.stdout.write(f"  {username}（{body_name}の報告担当者）: 作成済み。")
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username=username, email=f"{username}@example.jp", password=password
            )
            BodyReporter.objects.create(user=user, body=body)
            self.stdout.write(
                self.style.SUCCESS(
                    f"  {username}（{body_name}の報告担当者）: パスワード {password}"
                )
            )
        self.stdout.write("  管理画面: http://127.0.0.1:8000/admin/")
        self.stdout.write("  報告の窓口: http://127.0.0.1:8000/portal/")
