from django import forms
from django.utils.translation import gettext_lazy as _

from progress_reports.models import FrozenReport


class FreezeForm(forms.ModelForm):
    confirm = forms.BooleanField(
        label=_("この内容を、この年度の報告書の記録として確定します（確定後は変更できません）"),
        required=True,
        error_messages={"required": _("確定する場合は、チェックを入れてください。")},
    )

    class Meta:
        model = FrozenReport
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
