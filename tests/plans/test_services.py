import pytest

from plans.services import resolve_schedule


def test_it_resolves_arrows_to_the_year_before():
    assert resolve_schedule(["検討", "→", "実施", "→", "→"], first_fiscal_year=2024) == {
        2024: "検討",
        2025: "検討",
        2026: "実施",
        2027: "実施",
        2028: "実施",
    }


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (["→", "実施"], "cannot start with →"),
        (["実施", "休止"], "unknown phase"),
        ([], "at least one year"),
    ],
)
def test_it_rejects_schedules_it_cannot_read(cells, message):
    with pytest.raises(ValueError, match=message):
        resolve_schedule(cells, first_fiscal_year=2024)
