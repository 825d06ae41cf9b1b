"""Reading the indicators for pages of any app."""

from django.utils.translation import gettext as _


def indicator_groups(indicators, policies):
    """The 総合計画 indicator first, then each policy's, as captioned groups for tables."""
    groups = [
        {
            "id": "indicators-plan",
            "caption": _("一関市総合計画の指標"),
            "indicators": [i for i in indicators if i.policy_id is None],
        }
    ]
    for policy in policies:
        groups.append(
            {
                "id": f"indicators-policy-{policy.number}",
                "caption": _("基本方針%(number)s %(title)sの指標")
                % {"number": policy.number, "title": policy.title},
                "indicators": [i for i in indicators if i.policy_id == policy.pk],
            }
        )
    return [group for group in groups if group["indicators"]]


def policies_of(indicators):
    return sorted({i.policy for i in indicators if i.policy}, key=lambda p: p.number)
