"""Helpers of the loaders (``load_plan``, ``load_reference_data``, the sample data): they
create what is missing and never overwrite what staff changed."""

from dataclasses import dataclass, field


@dataclass
class LoadResult:
    """How many rows of each kind a load created; existing rows are left as staff keep them."""

    created: dict[str, int] = field(default_factory=dict)

    def count(self, label: str, was_created: bool) -> None:
        self.created.setdefault(label, 0)
        if was_created:
            self.created[label] += 1

    @property
    def total(self) -> int:
        return sum(self.created.values())


def fill_blank(obj, **values) -> None:
    """Set fields that are still empty (e.g. added after the plan was first loaded);
    a value staff entered is never replaced."""
    changed = [name for name, value in values.items() if value and not getattr(obj, name)]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save(update_fields=changed)
