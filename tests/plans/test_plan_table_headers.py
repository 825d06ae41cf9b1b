"""The 体系図 tells a screen reader each cell's headers through scope alone.

WCAG 1.3.1 (technique H43, as HTML_CodeSniffer checks it): a table whose headers come in more
than one level (a second row of column headers, or a heading spanning a row below the head)
needs a ``headers`` attribute on every data cell. The 体系図 keeps to one row of column
headers and one column of row headers, each ``<th>`` with its scope, so scope is enough.
"""

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db


class _Table(HTMLParser):
    """The rows of the first ``table.plan-table``: each row a list of (tag, attributes)."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # tables open from the plan table down
        self.done = False
        self.rows = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and not self.done:
            if self.depth or "plan-table" in (attrs.get("class") or "").split():
                self.depth += 1
        elif self.depth == 1 and tag == "tr":
            self.rows.append([])
        elif self.depth == 1 and tag in ("th", "td"):
            self.rows[-1].append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
            self.done = not self.depth


def header_problems(html: str) -> list[str]:
    """Why the plan table's cells would need ``headers`` attributes, or [] if scope is enough.

    Counted as HTML_CodeSniffer counts them: the headers starting in each row (by the columns
    they span) and in each column (by the rows they span); more than one row or more than one
    column with several headers, or a header spanning both, is a second level of headers.
    """
    parser = _Table()
    parser.feed(html)
    assert parser.rows, "no table.plan-table on the page"
    per_row, per_column, problems = {}, {}, []
    covered = set()  # (row, column) taken by a rowspan from above
    for row_number, cells in enumerate(parser.rows):
        column = 0
        for tag, attrs in cells:
            while (row_number, column) in covered:
                column += 1
            rowspan, colspan = int(attrs.get("rowspan", 1)), int(attrs.get("colspan", 1))
            covered |= {
                (r, c)
                for r in range(row_number + 1, row_number + rowspan)
                for c in range(column, column + colspan)
            }
            if tag == "th":
                if attrs.get("scope") not in ("row", "col", "rowgroup", "colgroup"):
                    problems.append(f"a <th> without scope in row {row_number + 1}")
                if rowspan > 1 and colspan > 1:
                    problems.append(f"a <th> spanning rows and columns in row {row_number + 1}")
                per_row[row_number] = per_row.get(row_number, 0) + colspan
                per_column[column] = per_column.get(column, 0) + rowspan
            column += colspan
    rows = [number + 1 for number, count in per_row.items() if count > 1]
    columns = [number + 1 for number, count in per_column.items() if count > 1]
    if len(rows) > 1:
        problems.append(f"rows {rows} each hold several headers")
    if len(columns) > 1:
        problems.append(f"columns {columns} each hold several headers")
    return problems


def test_a_second_level_of_headers_is_found():
    def table(head, body):
        return f'<table class="plan-table"><thead>{head}</thead><tbody>{body}</tbody></table>'

    row = '<tr><th scope="row">a</th><td>1</td><td>2</td></tr>'
    one_head_row = '<tr><th scope="col">x</th><th scope="col">y</th><th scope="col">z</th></tr>'
    assert header_problems(table(one_head_row, row * 3)) == []
    two_head_rows = (
        '<tr><th scope="col" rowspan="2">x</th><th scope="colgroup" colspan="2">g</th></tr>'
        '<tr><th scope="col">y</th><th scope="col">z</th></tr>'
    )
    assert header_problems(table(two_head_rows, row)) == [
        "rows [1, 2] each hold several headers",
        "columns [1, 2] each hold several headers",
    ]
    spanning = '<tr><th scope="rowgroup" colspan="3">measure</th></tr>'
    assert header_problems(table(one_head_row, spanning + row)) == [
        "rows [1, 2] each hold several headers"
    ]
    assert header_problems(table("<tr><th>x</th></tr>", row)) == ["a <th> without scope in row 1"]


@pytest.mark.parametrize("path", ["/plan/", "/plan/policies/1/", "/en/plan/"])
def test_the_plan_table_needs_no_headers_attributes(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert header_problems(response.content.decode()) == []


def test_the_policy_and_measure_headings_stay_in_the_first_column(client):
    parser = _Table()
    parser.feed(client.get("/plan/").content.decode())
    head, *body = parser.rows
    assert len(head) == 2 + 3 + 5  # project, evaluation, 3 actors, 5 fiscal years
    headings = [cells for cells in body if cells[0][1].get("scope") == "rowgroup"]
    assert len(headings) == 3 + 10  # the policies and the measures
    for cells in headings:
        assert [tag for tag, _attrs in cells] == ["th", "td"]
        assert cells[1][1]["colspan"] == str(len(head) - 1)
