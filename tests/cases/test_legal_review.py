"""§1.5 — mandatory legal review (法制审核) follows 《行政处罚法》第五十八条 as legal-rules.md states it: a hearing
alone does not trigger it (only with a direct effect on major rights), and the money threshold of a local list (长治, ◐)
is a pattern an agency adopts, not a national guard."""
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from ipenforce.cases import penalty
from ipenforce.core import rules


@pytest.mark.parametrize("grounds,required", [
    ({}, False),
    ({"hearing_held": True}, False),  # art.58(2) needs both
    ({"hearing_held": True, "major_rights": True}, True),
    ({"major_rights": True}, False),
    ({"public_interest": True}, True),  # art.58(1)
    ({"complex_case": True}, True),  # art.58(3)
    ({"by_local_amount": True}, True),  # art.58(4), a list the agency adopted
])
def test_article_58_grounds(grounds, required):
    base = {"public_interest": False, "major_rights": False, "hearing_held": False, "complex_case": False,
            "by_local_amount": False}
    assert penalty.legal_review_required(**{**base, **grounds}) is required


@pytest.fixture
def adopted_by_shenzhen(tmp_path):
    for path in Path(settings.RULES_DIR).glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    target = tmp_path / "thresholds.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("adopted_by: []", 'adopted_by: ["440300"]'),
                      encoding="utf-8")
    rules.load(tmp_path)
    yield
    rules.load()


def test_the_local_amount_is_not_applied_nationally():
    version = rules.version_on("legal_review.fine_threshold", date(2026, 1, 5))
    assert version.local and version.adopted_by == []
    assert penalty.legal_review_by_amount("organisation", date(2026, 1, 5), Decimal("200000"), "440304") is False


def test_an_agency_that_adopted_the_local_list_applies_it_to_its_districts(adopted_by_shenzhen):
    day = date(2026, 1, 5)
    assert penalty.legal_review_by_amount("organisation", day, Decimal("100000.01"), "440304") is True  # 福田
    assert penalty.legal_review_by_amount("organisation", day, Decimal("100000"), "440304") is False  # exclusive
    assert penalty.legal_review_by_amount("natural_person", day, Decimal("10001"), "440300") is True
    assert penalty.legal_review_by_amount("organisation", day, Decimal("200000"), "110105") is False  # not adopted


@pytest.mark.django_db
def test_a_hearing_alone_no_longer_forces_legal_review_but_major_rights_with_a_hearing_does(walker):
    from ipenforce.cases.models import Case
    from ipenforce.cases.selectors import case_facts

    walker.register("trademark", illegal_turnover="80000")
    case = Case.objects.get(pk=walker.case["id"])
    actor = walker.demo.user("ft_officer1")
    Case.objects.filter(pk=case.pk).update(hearing_held_on=date(2026, 1, 5))
    case.refresh_from_db()
    assert case_facts(case, actor).legal_review_required is False
    Case.objects.filter(pk=case.pk).update(major_rights=True)
    case.refresh_from_db()
    assert case_facts(case, actor).legal_review_required is True


def test_the_local_simple_procedure_exclusion_applies_only_where_adopted(tmp_path):
    """§1.4 (三明 art.4, ◐ local): "fine computed from 违法所得/违法经营额 → no simple procedure" is a pattern; the
    national limit is only APL art.51's 200 / 3,000 yuan."""
    day = date(2026, 1, 5)
    assert rules.adopted("simple_procedure.local_exclusions", day, "440304") is False
    assert rules.adopted("simple_procedure.max_fine", day, "440304") is True  # national law
    for path in Path(settings.RULES_DIR).glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    target = tmp_path / "patterns.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("adopted_by: []", 'adopted_by: ["350400"]', 1),
                      encoding="utf-8")
    try:
        rules.load(tmp_path)
        assert rules.adopted("simple_procedure.local_exclusions", day, "350402") is True  # 三明 districts
        assert rules.adopted("simple_procedure.local_exclusions", day, "440304") is False
    finally:
        rules.load()


@pytest.mark.django_db
def test_an_agency_without_the_local_rule_may_triage_a_case_with_amounts_to_the_simple_procedure(walker):
    walker.register("trademark", illegal_gains="100")
    walker.act("ft_officer1", "triage", procedure="simple", reason="事实清楚，罚款数额小")
    assert walker.state == "simple"


@pytest.mark.parametrize("key,ref,action,facts,code", [
    ("admin.collective_discussion", "H3", "decide", {"state": "deciding", "collective_required": True},
     "collective_discussion_required"),
    ("admin.decision_further_extension", "H4", "extend_decision_further",
     {"decision_extensions": 0, "decision_extensions_allowed": 1}, "decision_extension_first"),
])
def test_rules_without_a_number_are_carried_by_guards(key, ref, action, facts, code):
    from tests.cases.test_guards import refused

    assert rules.get_rule(key).ref == ref and rules.uses_of(key)
    assert refused(action, {"outcome": "penalty", "fine": Decimal(1)}, **facts) == code


def test_simple_decision_form_is_listed_on_the_simple_decision():
    assert rules.get_rule("simple_procedure.decision_form").ref == "S6"
    assert any("当场作出处罚决定" in where for where in rules.uses_of("simple_procedure.decision_form"))
