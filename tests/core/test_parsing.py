import contextlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.fiscal import fiscal_year_label, wareki_fiscal_year
from core.parsing import parse_decimal, parse_fiscal_year, parse_yes_no


@pytest.mark.parametrize(
    ("raw", "year"),
    [
        ("2024", 2024),
        (2024, 2024),
        (2024.0, 2024),
        ("２０２４", 2024),
        ("2024年度", 2024),
        ("R6", 2024),
        ("r6", 2024),
        ("Ｒ６", 2024),
        ("令和6", 2024),
        ("令和6年度", 2024),
        ("令和６年度", 2024),
        ("令和元年度", 2019),
        ("H30", 2018),
        ("平成30年度", 2018),
        ("令和6年度（2024年度）", 2024),
        (" 2025 ", 2025),
    ],
)
def test_it_reads_fiscal_years_as_offices_write_them(raw, year):
    assert parse_fiscal_year(raw) == year


@pytest.mark.parametrize("raw", ["", None, "来年", "20245", "令和", "R0", "令和6年度（2025年度）"])
def test_it_refuses_years_it_cannot_read(raw):
    with pytest.raises(ValueError, match="年度"):
        parse_fiscal_year(raw)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("7,033", Decimal("7033")),
        ("７，０３３", Decimal("7033")),
        ("3.77", Decimal("3.77")),
        ("1,234.5", Decimal("1234.5")),
        ("-12", Decimal("-12")),
        (466, Decimal("466")),
        (3.5, Decimal("3.5")),
    ],
)
def test_it_reads_numbers_with_separators_and_full_width_digits(raw, value):
    assert parse_decimal(raw) == value


@pytest.mark.parametrize("raw", ["", "abc", "12,34", "1.2.3", "=1+1", "1e5", "NaN", "１０件"])
def test_it_refuses_what_is_not_a_number(raw):
    with pytest.raises(ValueError):
        parse_decimal(raw)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("はい", True),
        ("公開", True),
        ("1", True),
        ("いいえ", False),
        ("", False),
        ("非公開", False),
    ],
)
def test_it_reads_yes_and_no(raw, value):
    assert parse_yes_no(raw) is value


def test_it_refuses_an_unclear_yes_or_no():
    with pytest.raises(ValueError, match="はい"):
        parse_yes_no("たぶん")


@given(st.integers(min_value=1989, max_value=2100))
def test_every_label_the_portal_writes_reads_back(year):
    assert parse_fiscal_year(wareki_fiscal_year(year)) == year
    assert parse_fiscal_year(fiscal_year_label(year)) == year


@given(st.text(max_size=30))
def test_parsers_only_ever_raise_value_error(text):
    for parser in (parse_fiscal_year, parse_decimal, parse_yes_no):
        with contextlib.suppress(ValueError):
            parser(text)
