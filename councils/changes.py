"""What a body changed in its annual report between two snapshots, answer by answer.

``compare(old, new)`` reads two dicts made by ``councils.services.snapshot()`` (the one kept
when staff last returned the report, and the report as it stands) and says, section by
section, which answers differ, each value written as staff read it: 「8,750人 → 8,690人」,
「進んでいる → 概ね進んでいる」, both texts whole.

Snapshots kept before activities carried their id hold each activity as
``[held_on, title, role, participants, description, photo count]``; newer ones add the id as a
seventh item. Two activities that both have an id are the same only if the ids are; otherwise
an activity is recognised by its answers, then by its date and name, then by its name.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from core.fiscal import wareki_date
from councils.models import AnnualReport
from councils.sections import SECTIONS

EMPTY = "—"

ADDED = "added"
CHANGED = "changed"
REMOVED = "removed"

# A text longer than this, or with a line break, is shown as two blocks, old above new.
SHORT_TEXT = 40


@dataclass(frozen=True)
class Change:
    """``field`` (of ``subject``, where there are several: a centre, a role, a measure) went
    from ``old`` to ``new``."""

    field: str
    old: str
    new: str
    subject: str = ""
    text: bool = False  # free text, shown whole rather than on one line


@dataclass(frozen=True)
class ActivityChange:
    """An activity added, removed or changed; ``fields`` are the answers that differ (for an
    added or removed one, every answer it has, on the side it has them)."""

    kind: str
    name: str
    held_on: str
    fields: list[Change]


@dataclass(frozen=True)
class SectionChanges:
    key: str
    label: str
    answers: list[Change] = field(default_factory=list)
    activities: list[ActivityChange] = field(default_factory=list)

    def __bool__(self):
        return bool(self.answers or self.activities)


def compare(old: dict, new: dict) -> list[SectionChanges]:
    """The sections whose answers differ between the snapshots ``old`` and ``new``, in the
    report's order, each with what changed."""
    old, new = _as_dict(old), _as_dict(new)
    sections = []
    for key, label in SECTIONS:
        if key == "activities":
            found = SectionChanges(
                key,
                str(label),
                activities=_activities(_as_list(old.get(key)), _as_list(new.get(key))),
            )
        else:
            found = SectionChanges(
                key, str(label), answers=COMPARE[key](old.get(key), new.get(key))
            )
        if found:
            sections.append(found)
    return sections


# Values as staff read them.


def _as_dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _as_list(value) -> list:
    return list(value) if isinstance(value, list | tuple) else []


def _items(value, count) -> list:
    """``value`` as a list of exactly ``count`` items, missing ones as None."""
    return (_as_list(value) + [None] * count)[:count]


def _blank(value) -> bool:
    return value is None or value == ""


def _plain(value) -> str:
    return EMPTY if _blank(value) else str(value)


def _people(value) -> str:
    if _blank(value):
        return EMPTY
    try:
        return _("%(visits)s人") % {"visits": f"{int(value):,}"}
    except (TypeError, ValueError):
        return str(value)


def _level(value) -> str:
    if _blank(value):
        return EMPTY
    return str(dict(AnnualReport.Level.choices).get(value, value))


def _consent(value) -> str:
    if value is None:
        return EMPTY
    return _("同意する") if value else _("同意しない")


def _date(value) -> str:
    if _blank(value):
        return EMPTY
    try:
        return wareki_date(date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _photos(value) -> str:
    if _blank(value):
        return EMPTY
    return _("%(count)s枚") % {"count": value}


def _is_long(*texts) -> bool:
    return any(isinstance(t, str) and ("\n" in t or len(t) > SHORT_TEXT) for t in texts)


def _change(field_label, old, new, show=_plain, subject="", text=False):
    """A Change when ``old`` and ``new`` differ (an empty answer equals a missing one)."""
    if (None if _blank(old) else old) == (None if _blank(new) else new):
        return None
    return Change(
        field=str(field_label),
        old=show(old),
        new=show(new),
        subject=subject,
        text=text and _is_long(old, new),
    )


def _keep(changes) -> list[Change]:
    return [c for c in changes if c is not None]


def _keys(old: dict, new: dict, first=()) -> list:
    """The keys of both dicts: ``first``, then ``new``'s order, then those only in ``old``."""
    keys = list(first)
    for key in [*new, *old]:
        if key not in keys:
            keys.append(key)
    return keys


# The sections.


def _assessment(old, new) -> list[Change]:
    old, new = _as_dict(old), _as_dict(new)
    changes = []
    for key in _keys(old, new, first=["overall"]):
        (old_level, old_comment), (new_level, new_comment) = (
            _items(old.get(key), 2),
            _items(new.get(key), 2),
        )
        if key == "overall":
            level, comment, subject = _("全体の達成状況"), _("全体についての所見"), ""
        else:
            level, comment, subject = _("達成状況"), _("所見"), str(key)
        changes.append(_change(level, old_level, new_level, _level, subject))
        changes.append(_change(comment, old_comment, new_comment, subject=subject, text=True))
    return _keep(changes)


def _centers(old, new) -> list[Change]:
    old, new = _as_dict(old), _as_dict(new)
    changes = []
    for name in _keys(old, new):
        (old_visits, old_note), (new_visits, new_note) = (
            _items(old.get(name), 2),
            _items(new.get(name), 2),
        )
        changes.append(_change(_("利用者数"), old_visits, new_visits, _people, str(name)))
        changes.append(_change(_("備考"), old_note, new_note, subject=str(name), text=True))
    return _keep(changes)


def _support(old, new) -> list[Change]:
    old, new = _as_dict(old), _as_dict(new)
    changes = [
        _change(_("評価"), old.get(measure), new.get(measure), subject=str(measure))
        for measure in _keys(old, new)
        if measure != "opinions"
    ]
    changes.append(
        _change(_("行政への意見・要望"), old.get("opinions"), new.get("opinions"), text=True)
    )
    return _keep(changes)


def _results(old, new) -> list[Change]:
    (old_results, old_plan), (new_results, new_plan) = _items(old, 2), _items(new, 2)
    return _keep(
        [
            _change(_("成果と課題"), old_results, new_results, text=True),
            _change(_("次年度の取組"), old_plan, new_plan, text=True),
        ]
    )


def _consents(old, new) -> list[Change]:
    labels = [_("活動実績の公開"), _("写真の公開"), _("意見・要望の公開")]
    return _keep(
        [
            _change(label, before, after, _consent)
            for label, before, after in zip(labels, _items(old, 3), _items(new, 3), strict=True)
        ]
    )


COMPARE = {
    "assessment": _assessment,
    "centers": _centers,
    "support": _support,
    "results": _results,
    "consent": _consents,
}


# Activities.


@dataclass(frozen=True)
class _Activity:
    answers: tuple  # held_on, title, role, participants, description, photo count
    id: int | None

    @classmethod
    def read(cls, row):
        row = _as_list(row)
        answers = tuple(None if _blank(v) else v for v in _items(row, 6))
        return cls(answers, row[6] if len(row) > 6 else None)

    @property
    def held_on(self):
        return self.answers[0]

    @property
    def title(self):
        return self.answers[1]


PHOTOS = 5  # the photo count's place in an activity's answers


def _activity_fields():
    return [
        (_("実施日"), _date, False),
        (_("活動名"), _plain, False),
        (_("地域協働体の役割"), _plain, False),
        (_("参加者数"), _people, False),
        (_("内容"), _plain, True),
        (_("写真"), _photos, False),
    ]


# Ways of recognising an activity on both sides, tried in turn; None where one does not apply.
_MATCHES = [
    lambda a: a.id,
    lambda a: a.answers,
    lambda a: (a.held_on, a.title) if a.title else None,
    lambda a: a.title,
]


def _pairs(old: list[_Activity], new: list[_Activity]) -> dict[int, int]:
    """Which old activity (by index) each new one (by index) is."""
    pairs = {}
    taken = set()
    for stage, key in enumerate(_MATCHES):
        for j, after in enumerate(new):
            if j in pairs or key(after) is None:
                continue
            for i, before in enumerate(old):
                if i in taken or key(before) != key(after):
                    continue
                # Two activities that both carry an id are one only if the ids are.
                if stage and before.id is not None and after.id is not None:
                    continue
                pairs[j] = i
                taken.add(i)
                break
    return pairs


def _activities(old_rows: list, new_rows: list) -> list[ActivityChange]:
    old = [_Activity.read(row) for row in old_rows]
    new = [_Activity.read(row) for row in new_rows]
    pairs = _pairs(old, new)
    fields = _activity_fields()
    found = []
    for j, after in enumerate(new):
        if j in pairs:
            before = old[pairs[j]]
            changes = _keep(
                _change(label, a, b, show, text=text)
                for (label, show, text), a, b in zip(
                    fields, before.answers, after.answers, strict=True
                )
            )
            if changes:
                found.append(ActivityChange(CHANGED, _name(after), _date(after.held_on), changes))
        else:
            found.append(_whole(ADDED, after, fields))
    taken = set(pairs.values())
    found += [_whole(REMOVED, a, fields) for i, a in enumerate(old) if i not in taken]
    return found


def _whole(kind, activity, fields) -> ActivityChange:
    changes = []
    for index, ((label, show, text), value) in enumerate(
        zip(fields, activity.answers, strict=True)
    ):
        if _blank(value) or (index == PHOTOS and not value):
            continue
        shown = show(value)
        old, new = (EMPTY, shown) if kind == ADDED else (shown, EMPTY)
        changes.append(Change(str(label), old, new, text=text and _is_long(value)))
    return ActivityChange(kind, _name(activity), _date(activity.held_on), changes)


def _name(activity) -> str:
    return str(activity.title) if activity.title else _("（名称未入力）")
