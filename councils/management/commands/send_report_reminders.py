"""``manage.py send_report_reminders``: run daily (cron) to remind bodies of their report.

Who hears what and when is ruled in ``councils.reminders``: before the due date, after the
deadline (asking the city for an extension), and after a return that was never answered;
a bounded number of times, and no longer once the next year's period has opened. Each
reminder is recorded, so a second run on the same day sends nothing again. Staff get one
mail listing the overdue bodies and those no mail could reach.

The reminders are queued in the outbox and sent at the end of the run; any the mail server
refuses stay queued for ``send_queued_mail`` to retry. ``--dry-run`` prints who would get
what and neither sends nor records anything.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.fiscal import wareki_fiscal_year
from councils import notifications
from councils.reminders import reminders_due, reminders_send, staff_sections
from outbox.services import mail_send_pending


class Command(BaseCommand):
    help = (
        "提出されていない年次報告や、修正のお願いの後に再提出されていない年次報告について、"
        "地域協働体と市の担当者へメールを送ります（毎日実行）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="期限の何日前に送るか")
        parser.add_argument("--every", type=int, default=7, help="期限後は何日ごとに送るか")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="送る相手と内容を表示するだけで、送信も記録もしない",
        )

    def handle(self, *args, days, every, dry_run, **options):
        if days < 0 or every < 1:
            raise CommandError("--days は0以上、--every は1以上を指定してください。")
        today = timezone.localdate()
        reminders = reminders_due(today, days=days, every=every)
        if dry_run:
            self.stdout.write("確認のみ（送信も記録もしていません）：")
        for reminder in reminders:
            self.stdout.write(self._line(reminder))
        if any(staff_sections(reminders).values()):
            staff = notifications.staff_emails()
            to = (
                "、".join(staff)
                if staff
                else "宛先なし（PORTAL_STAFF_EMAILS か編集担当の職員のメールアドレスを設定してください）"
            )
            self.stdout.write(f"市の担当者へ：お知らせの送信状況 → {to}")
        if dry_run:
            return
        sent, failed = mail_send_pending(ids=reminders_send(reminders, today=today))
        self.stdout.write(f"お知らせを{sent}通送りました。")
        if failed:
            self.stderr.write(
                f"{failed}通は送信できませんでした。send_queued_mail が送り直します"
                "（理由は管理画面の「送信メール」で確認できます）。"
            )

    @staticmethod
    def _line(reminder) -> str:
        what = f"{reminder.kind_label}（{reminder.number}／{reminder.limit}回目）"
        if reminder.overdue:
            what += f"、{reminder.overdue}日超過"
        to = "、".join(reminder.recipients) or "宛先なし（報告担当者のメールアドレスがありません）"
        return f"{reminder.body.name}（{wareki_fiscal_year(reminder.period.fiscal_year)}）：{what} → {to}"
