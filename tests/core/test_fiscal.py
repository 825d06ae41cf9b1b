import pytest
from django.template import Context, Template
from django.utils import translation

from core.fiscal import era_of, fiscal_year_label, wareki_fiscal_year


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2024, "令和6年度"),
        (2028, "令和10年度"),
        (2019, "令和元年度"),
        (2018, "平成30年度"),
        (2010, "平成22年度"),
        (1989, "平成元年度"),
        (1988, "昭和63年度"),
    ],
)
def test_it_names_fiscal_years_in_wareki(year, expected):
    with translation.override("ja"):
        assert wareki_fiscal_year(year) == expected


def test_it_shows_the_western_year_beside_the_wareki():
    with translation.override("ja"):
        assert fiscal_year_label(2024) == "令和6年度（2024年度）"


def test_it_refuses_years_before_the_known_eras():
    with pytest.raises(ValueError, match="1900"):
        era_of(1900)


def test_the_template_filters_render_wareki_and_numbers():
    template = Template(
        "{% load portal %}{{ 2024|fy_label }}|{{ 2019|wareki_fy }}|{{ a|number }}|{{ b|number:2 }}"
        "|{{ none|number }}"
    )
    from decimal import Decimal

    with translation.override("ja"):
        rendered = template.render(
            Context({"a": Decimal("7033.00"), "b": Decimal("3.7"), "none": None})
        )
    assert rendered == "令和6年度（2024年度）|令和元年度|7,033|3.70|"
