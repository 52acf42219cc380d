"""The demo's historical cases read as closed cases of a real bureau: each has its case number (in the order it was
filed, per agency and year) and its party, so file review and the case list never show "案源 N"."""
import pytest

from ipenforce.cases.models import Case
from ipenforce.stats.demo import seed_demo_history

pytestmark = pytest.mark.django_db


def test_every_historical_case_has_its_number_and_party(demo):
    created = seed_demo_history()
    history = Case.objects.filter(filed_on__year__in=[2017, 2018]).prefetch_related("parties")
    assert created == history.count() > 700
    assert all(c.number and c.parties.all() for c in history)
    first = history.filter(agency__short_name="深福市监", number_year=2018).order_by("number_seq").first()
    assert first.number == "深福市监罚〔2018〕1号"
    assert len({c.number for c in history}) == len(history)
