"""The six sections of the annual report: their order, names, and which answers each holds.

A body fills in one section at a time (``/portal/reports/<year>/<section>/``); saving a
section writes only the fields and rows listed here for it.
"""

from django.utils.translation import gettext_lazy as _

SECTIONS = [
    ("assessment", _("1. 地域づくり計画の達成状況")),
    ("activities", _("2. 活動実績")),
    ("centers", _("3. 市民センター")),
    ("support", _("4. 行政の支援に対する評価")),
    ("results", _("5. 成果と課題・次年度の取組")),
    ("consent", _("6. 公開の同意")),
]
SECTION_LABELS = dict(SECTIONS)
SECTION_KEYS = [key for key, _label in SECTIONS]

# The report's own fields that each section's page writes.
SECTION_FIELDS = {
    "assessment": ["overall_level", "overall_comment"],
    "activities": [],
    "centers": [],
    "support": ["opinions"],
    "results": ["results_and_issues", "next_year_plan"],
    "consent": ["publish_activities", "publish_photos", "publish_opinions"],
}


class SectionState:
    """Where a body stands with one section, as the task list says it."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"

    LABELS = {
        NOT_STARTED: _("未入力"),
        IN_PROGRESS: _("入力中"),
        DONE: _("入力済み"),
    }


def next_section(key: str) -> str | None:
    """The section after ``key``, or None after the last."""
    index = SECTION_KEYS.index(key)
    return SECTION_KEYS[index + 1] if index + 1 < len(SECTION_KEYS) else None
