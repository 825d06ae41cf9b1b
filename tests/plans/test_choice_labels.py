"""The labels of 区分, 実施区分 and 評価 read as Django's own ``get_FOO_display()`` would."""

import pytest
from django.utils import translation

from plans.models import Project, ProjectPhase, ProjectYearStatus

pytestmark = pytest.mark.django_db

CHOICE_FIELDS = [(Project, "kind"), (ProjectPhase, "phase"), (ProjectYearStatus, "evaluation")]


@pytest.mark.parametrize(("model", "name"), CHOICE_FIELDS)
@pytest.mark.parametrize("language", ["ja", "en"])
def test_it_gives_the_label_of_every_choice_in_the_pages_language(model, name, language):
    field = model._meta.get_field(name)
    with translation.override(language):
        for value, label in field.choices:
            row = model(**{name: value})
            assert getattr(row, f"get_{name}_display")() == row._get_FIELD_display(field)
            assert getattr(row, f"get_{name}_display")() == str(label)
        assert getattr(model(**{name: "?"}), f"get_{name}_display")() == "?"


@pytest.mark.parametrize(
    ("path", "text"),
    [("/plan/", "前年度と同じ（検討）"), ("/en/plan/", "Same as the year before (Consider)")],
)
def test_the_charts_arrows_are_spelled_out_in_the_pages_language(client, path, text):
    html = client.get(path).content.decode()
    assert f'<span aria-hidden="true">→</span><span class="visually-hidden">{text}</span>' in html
