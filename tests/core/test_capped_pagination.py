"""Lists count at most a cap (issue 20): past it the page says "超过 N 条", and deeper pages still work."""
import pytest
from django.template.loader import render_to_string

from ipenforce.core.models import CalendarDay
from ipenforce.core.pagination import CappedPaginator, capped_page


class SmallCap(CappedPaginator):
    cap = 40


def test_a_list_within_the_cap_is_counted_exactly(work_calendar):
    days = CalendarDay.objects.order_by("date")[:30]
    rows = CalendarDay.objects.filter(date__lte=days[29].date).order_by("date")
    paginator = SmallCap(rows, 10, page="1")
    assert (paginator.count, paginator.capped, paginator.num_pages) == (30, False, 3)
    assert "共 30 条" in render_to_string("includes/pagination.html", {"page": paginator.get_page(1)})


def test_past_the_cap_the_count_stops_and_says_so(work_calendar):
    rows = CalendarDay.objects.order_by("date")
    assert rows.count() > 100
    paginator = SmallCap(rows, 10, page=None)
    assert (paginator.count, paginator.capped) == (40, True)
    page = paginator.get_page(None)
    assert page.has_next() and [d.pk for d in page] == [d.pk for d in rows[:10]]
    assert "超过 40 条" in render_to_string("includes/pagination.html", {"page": page})


def test_a_deep_page_counts_up_to_the_page_after_it(work_calendar):
    rows = CalendarDay.objects.order_by("date")
    page = SmallCap(rows, 10, page="9").get_page("9")
    assert page.number == 9 and page.has_next()
    assert [d.pk for d in page] == [d.pk for d in rows[80:90]]
    assert page.paginator.count == 100 and page.paginator.capped


def test_the_default_cap_is_a_thousand_and_bad_page_numbers_are_the_first(work_calendar):
    page = capped_page(CalendarDay.objects.order_by("date"), 20, "abc")
    assert page.number == 1 and page.paginator.limit == 1000


@pytest.mark.parametrize("path", ["/cases/", "/cases/approvals/", "/assignments/", "/protection/", "/credit/",
                                  "/supervision/cases/"])
def test_a_page_number_past_any_integer_is_the_last_page_not_an_error(demo, path):
    client = demo.client("sz_supervisor" if path == "/supervision/cases/" else "ft_officer1")
    for page in ("99999999999999999999", "100000000", "-5"):
        assert client.get(path, {"page": page, "npage": page}).status_code in (200, 403), (path, page)
