"""Long public lists split into pages, so that the work of one page stays bounded."""

import re

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404

# Only a page's own number is a page: 「?page=2」, never 「?page=02」, 「?page=0」 or 「?page=x」.
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")


class CountedPaginator(Paginator):
    """A paginator told how many objects there are (a page that counts them anyway, with
    other figures in one query, saves the paginator's own COUNT query)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.count = count  # replaces the cached property the paginator would compute


def page_or_404(request, object_list, *, per_page: int, count: int):
    """The page of ``object_list`` that ``?page=`` asks for: the first without it, and a
    404 for anything that is not the number of an existing page. ``object_list`` must be
    ordered; ``count`` is its length."""
    number = request.GET.get("page", "1")
    if not PAGE_NUMBER.fullmatch(number):
        raise Http404("ページが見つかりません。")
    try:
        return CountedPaginator(object_list, per_page, count=count).page(int(number))
    except InvalidPage as error:
        raise Http404("ページが見つかりません。") from error
