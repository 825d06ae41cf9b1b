"""Form pieces shared by the apps."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ChangeReasonForm(forms.ModelForm):
    """A model form that asks why, when a change has to be explained to the public.

    Subclasses name the ``tracked_fields`` and say in ``reason_needed()`` when a change of
    them needs a reason. The reason is stored with the change in the model's history.
    """

    tracked_fields: list[str] = []

    change_reason = forms.CharField(
        label=_("変更理由"),
        required=False,
        max_length=100,
        help_text=_(
            "公開済みの内容を変更するときは必ず記入してください。市民向けの変更履歴に表示されます。"
        ),
    )

    def reason_needed(self) -> bool:
        raise NotImplementedError

    def changed_tracked_fields(self) -> list[str]:
        """The tracked fields whose new value differs from what is stored now.

        Compared with the stored row rather than the form's initial values: a form opened on
        an earlier version (the history's revert page) starts from that version's values.
        """
        if not self.instance.pk:
            return [name for name in self.tracked_fields if name in self.changed_data]
        stored = type(self.instance)._default_manager.filter(pk=self.instance.pk).first()
        if stored is None:
            return []
        return [
            name
            for name in self.tracked_fields
            if name in self.cleaned_data and self.cleaned_data[name] != getattr(stored, name)
        ]

    def clean(self):
        cleaned = super().clean()
        if (
            self.instance.pk
            and self.changed_tracked_fields()
            and self.reason_needed()
            and not cleaned.get("change_reason", "").strip()
        ):
            self.add_error(
                "change_reason",
                _("公開済みの内容を変更するため、変更理由を入力してください。"),
            )
        return cleaned

    def save(self, commit=True):
        reason = self.cleaned_data.get("change_reason", "").strip()
        if reason:
            self.instance._change_reason = reason
        return super().save(commit=commit)
