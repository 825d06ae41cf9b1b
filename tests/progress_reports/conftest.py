import pytest

YEAR = 2025  # the report year the tests look at: finished, so it may be frozen


@pytest.fixture(autouse=True)
def this_year(monkeypatch):
    """Fiscal 2026 is under way, whatever today's date."""
    monkeypatch.setattr("progress_reports.views.current_fiscal_year", lambda: 2026)
