"""The API's list pagination: ninja's limit/offset with a bounded offset, so no request overflows the database
(and a variant whose count stops at a cap); and the pages' paginator whose count stops at a cap."""
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


# Lists count at most this many rows (or up to the page after the one asked for): `count(*)` over a million cases
# is what made every list slow (issue 20).
COUNT_CAP = 1000


def capped_count(rows, limit: int) -> tuple[int, bool]:
    """(the number of `rows`, at most `limit`; whether there are more) — one `count(*)` over at most limit + 1 rows."""
    if not hasattr(rows, "order_by"):
        return min(len(rows), limit), len(rows) > limit
    counted = rows.order_by()[: limit + 1].count()
    return min(counted, limit), counted > limit


class CappedLimitOffset(LimitOffset):
    """limit/offset whose `count` stops at COUNT_CAP, or deeper at the end of the page after the one asked for;
    `capped` says there are more rows than `count` (the API's "1,000+"). `items`, if given, turns the page's slice
    into what the endpoint answers (e.g. plain rows read in one query instead of model instances)."""

    class Output(Schema):
        items: list[Any]
        count: int = Field(description="符合条件的条数；capped 为 true 时为下限（至少这么多）")
        capped: bool = Field(description="true：符合条件的超过 count 条，只计数到此（大列表不做全量计数）")

    def __init__(self, *, items=None, **kwargs):
        super().__init__(**kwargs)
        self.items = items or (lambda rows: rows)

    def paginate_queryset(self, queryset, pagination, request, **params):
        offset, limit = pagination.offset, min(pagination.limit, self.max_limit)
        count, capped = capped_count(queryset, max(COUNT_CAP, offset + 2 * limit))
        return {"items": self.items(queryset[offset: offset + limit]), "count": count, "capped": capped}


class CappedPaginator(Paginator):
    """A page list that counts at most `cap` rows (or, deeper, the rows up to the page after the one asked for):
    `count(*)` over a million cases is what made every list slow (issue 20). Past the cap, `capped` is true and
    the page says "1,000+ rows"; the pages up to it, and the next one, still work."""

    cap = COUNT_CAP

    def __init__(self, object_list, per_page, *, page=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        try:
            wanted = min(max(int(page), 1), MAX_OFFSET // int(per_page))  # no LIMIT past a 64-bit integer
        except (TypeError, ValueError):
            wanted = 1
        self.limit = max(self.cap, (wanted + 1) * int(per_page))
        self.capped = False

    @cached_property
    def count(self) -> int:
        count, self.capped = capped_count(self.object_list, self.limit)
        return count


def capped_page(rows, per_page: int, page):
    """The page `page` (a query-string value) of `rows`, counted with CappedPaginator."""
    return CappedPaginator(rows, per_page, page=page).get_page(page)

