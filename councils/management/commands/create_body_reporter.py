"""``manage.py create_body_reporter BODY_SLUG USERNAME EMAIL``."""

import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from councils.auth_forms import OutboxPasswordResetForm
from councils.models import BodyReporter, CollaborationBody


class Command(BaseCommand):
    help = "地域協働体の報告担当者のアカウントを作り、初期パスワードを表示し、パスワード設定のメールを送ります。"

    def add_arguments(self, parser):
        parser.add_argument("body_slug", help="地域協働体のURL用の名前（管理画面で確認できます）")
        parser.add_argument("username")
        parser.add_argument("email")
        parser.add_argument(
            "--no-email", action="store_true", help="パスワード設定のメールを送らない"
        )

    def handle(self, *args, body_slug, username, email, no_email, **options):
        body = CollaborationBody.objects.filter(slug=body_slug).first()
        if body is None:
            raise CommandError(f"地域協働体「{body_slug}」は登録されていません。")
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"ユーザー名「{username}」はすでに使われています。")
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            user = User.objects.create_user(username=username, email=email, password=password)
            BodyReporter.objects.create(user=user, body=body)
        self.stdout.write(
            self.style.SUCCESS(f"{body}の報告担当者 {username} を作成しました。")
            + f"\n初期パスワード（一度だけ表示します）: {password}"
        )
        if not no_email:
            site = urlsplit(settings.PORTAL_BASE_URL)
            form = OutboxPasswordResetForm({"email": email})
            if form.is_valid():
                form.save(
                    domain_override=site.netloc,
                    subject_template_name="councils/auth/password_reset_subject.txt",
                    email_template_name="councils/auth/password_reset_email.txt",
                    use_https=site.scheme == "https",
                )
                self.stdout.write(f"パスワード設定のご案内を {email} に送りました。")
