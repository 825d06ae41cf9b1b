from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin import RecordAdminMixin
from outbox.models import OutgoingMail
from outbox.services import mail_send_pending


class SentFilter(admin.SimpleListFilter):
    title = _("送信状況")
    parameter_name = "sent"

    def lookups(self, request, model_admin):
        return [("no", _("未送信")), ("yes", _("送信済み"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(sent_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(sent_at__isnull=False)
        return queryset


@admin.register(OutgoingMail)
class OutgoingMailAdmin(RecordAdminMixin, admin.ModelAdmin):
    """A read-only record of the portal's e-mails; editors may retry the unsent ones."""

    list_display = [
        "subject",
        "recipient_list",
        "created_at",
        "sent_at",
        "attempts",
        "last_error",
    ]
    list_filter = [SentFilter]
    search_fields = ["subject"]
    date_hierarchy = "created_at"
    actions = ["resend"]

    @admin.display(description=_("宛先"))
    def recipient_list(self, mail):
        return ", ".join(mail.recipients)

    def get_fields(self, request, obj=None):
        fields = [
            "subject",
            "recipient_list",
            "created_at",
            "sent_at",
            "attempts",
            "last_attempt_at",
            "last_error",
        ]
        # A password reset mail holds a link that sets the password of its recipient:
        # only superusers, who may do that anyway, read bodies.
        if request.user.is_superuser:
            fields.insert(2, "body")
        return fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_resend_permission(self, request):
        # Resending is the only change there is; the group data migration grants it.
        codename = get_permission_codename("change", self.opts)
        return request.user.has_perm(f"{self.opts.app_label}.{codename}")

    @admin.action(description=_("選択したメールを今すぐ再送する"), permissions=["resend"])
    def resend(self, request, queryset):
        unsent = list(queryset.filter(sent_at__isnull=True).values_list("pk", flat=True))
        already_sent = queryset.count() - len(unsent)
        sent, failed = mail_send_pending(ids=unsent)
        busy = len(unsent) - sent - failed
        if sent:
            self.message_user(
                request, gettext("%(count)d通を送信しました。") % {"count": sent}, messages.SUCCESS
            )
        if failed:
            self.message_user(
                request,
                gettext("%(count)d通は送信できませんでした。「最後のエラー」を確認してください。")
                % {"count": failed},
                messages.WARNING,
            )
        if already_sent:
            self.message_user(
                request,
                gettext("%(count)d通はすでに送信済みのため、送り直していません。")
                % {"count": already_sent},
                messages.INFO,
            )
        if busy:
            self.message_user(
                request,
                gettext("%(count)d通はほかの処理が送信中のため、送り直していません。")
                % {"count": busy},
                messages.INFO,
            )
