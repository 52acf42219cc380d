"""The API's list pagination: ninja's limit/offset with a bounded offset, so no request overflows the database;
and the pages' paginator whose count stops at a cap."""
from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import LimitOffsetPagination

# Far beyond any list (10 million cases) and well inside a 64-bit OFFSET on SQLite and PostgreSQL.
MAX_OFFSET = 1_000_000_000


class LimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1, le=ninja_settings.PAGINATION_MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class CappedPaginator(Paginator):
    """A page list that counts at most `cap` rows (or, deeper, the rows up to the page after the one asked for):
    `count(*)` over a million cases is what made every list slow (issue 20). Past the cap, `capped` is true and
    the page says "1,000+ rows"; the pages up to it, and the next one, still work."""

    cap = 1000

    def __init__(self, object_list, per_page, *, page=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        try:
            wanted = max(int(page), 1)
        except (TypeError, ValueError):
            wanted = 1
        self.limit = max(self.cap, (wanted + 1) * int(per_page))
        self.capped = False

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if not hasattr(rows, "order_by"):
            return len(rows)
        counted = rows.order_by()[: self.limit + 1].count()
        self.capped = counted > self.limit
        return min(counted, self.limit)


def capped_page(rows, per_page: int, page):
    """The page `page` (a query-string value) of `rows`, counted with CappedPaginator."""
    return CappedPaginator(rows, per_page, page=page).get_page(page)


class CappedLimitOffset(LimitOffset):
    """LimitOffset whose `count` stops at CappedPaginator.cap (or at the row after the page asked for): past it
    `capped` is true and `count` is a lower bound ("1,000+"), so a queue's API never counts all of it."""

    class Output(Schema):
        items: list[Any]
        count: int = Field(description="行数；capped 为 true 时为下限（至少这么多行）")
        capped: bool = Field(description="是否超过计数上限（1,000 行，或所取页之后一行）")

    def paginate_queryset(self, queryset, pagination, request, **params):
        limit = min(pagination.limit, self.max_limit)
        cap = max(CappedPaginator.cap, pagination.offset + limit)
        counted = queryset.order_by()[: cap + 1].count()
        return {"items": queryset[pagination.offset: pagination.offset + limit], "count": min(counted, cap),
                "capped": counted > cap}
