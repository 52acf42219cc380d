"""Rules files: every one loads and validates; versions are picked by date; bad files are refused."""
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from ipenforce.core import rules

LEGAL_RULES = Path(settings.BASE_DIR).parent / "shared" / "design" / "legal-rules.md"


def test_all_rule_files_load_with_citations():
    registry = rules.load()
    assert len(registry) >= 50
    for rule in registry.values():
        for version in rule.versions:
            assert version.citation
            assert version.verified == (version.mark != "⚠")


def test_every_time_limit_of_sections_1_3_and_2_2_is_encoded():
    refs = {r.ref for r in rules.all_rules()}
    expected = {f"T{n}" for n in range(1, 24) if n != 8} | {"T1a", "T15a", "T15b"}
    expected |= {"L2", "L3", "L4", "L4a", "L5", "L5a", "L6", "L7", "L8", "L9", "L10", "L12", "L14", "L15",
                 "L15a", "L16", "L17", "L17a", "L18", "L19"}
    assert expected <= refs


@pytest.mark.skipif(not LEGAL_RULES.exists(), reason="../shared/ is not beside this checkout")
def test_refs_name_rows_of_the_research_note():
    text = LEGAL_RULES.read_text(encoding="utf-8")
    for rule in rules.all_rules():
        if rule.ref.startswith(("T", "L")):
            assert f"| {rule.ref} |" in text, rule.ref


def test_date_picks_the_version():
    old = rules.version_on("simple_procedure.max_fine", date(2021, 7, 14))
    new = rules.version_on("simple_procedure.max_fine", date(2021, 7, 15))
    assert old.values["natural_person"].amount == Decimal(50)
    assert new.values["natural_person"].amount == Decimal(200)
    assert new.values["organisation"].amount == Decimal(3000)


def test_unverified_value_is_marked():
    version = rules.version_on("hearing.fine_threshold", date(2026, 1, 1))
    assert version.verified is False and version.mark == "⚠"
    assert rules.version_on("hearing.fine_threshold", date(2020, 1, 1)).verified is True


def test_no_version_in_force_is_an_error():
    with pytest.raises(rules.RuleNotInForce) as exc:
        rules.version_on("admin.decision_ordinary", date(2020, 1, 1))
    assert exc.value.code == "rule_not_in_force"


def test_unknown_rule_is_not_found():
    with pytest.raises(rules.NotFound):
        rules.get_rule("admin.nothing")


def _write(tmp_path, text):
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_malformed_yaml_is_refused(tmp_path):
    with pytest.raises(rules.RuleFileError, match="not valid YAML"):
        rules.load(_write(tmp_path, "kind: [threshold"))
    rules.load()


def test_missing_citation_is_refused(tmp_path):
    text = """kind: time_limit
rules:
  - key: a.b
    title: t
    versions:
      - {duration: 3, unit: working_days, start: s, citation: "", mark: "✅", verified: true}
"""
    with pytest.raises(rules.RuleFileError, match="citation"):
        rules.load(_write(tmp_path, text))
    rules.load()


def test_unverified_mark_must_say_verified_false(tmp_path):
    text = """kind: time_limit
rules:
  - key: a.b
    title: t
    versions:
      - {duration: 3, unit: working_days, start: s, citation: c, mark: "⚠", verified: true}
"""
    with pytest.raises(rules.RuleFileError, match="verified"):
        rules.load(_write(tmp_path, text))
    rules.load()


def test_overlapping_versions_are_refused(tmp_path):
    text = """kind: time_limit
rules:
  - key: a.b
    title: t
    versions:
      - {effective_from: 2020-01-01, duration: 3, unit: working_days, start: s, citation: c, mark: "✅", verified: true}
      - {effective_from: 2021-01-01, duration: 5, unit: working_days, start: s, citation: c, mark: "✅", verified: true}
"""
    with pytest.raises(rules.RuleFileError, match="overlap"):
        rules.load(_write(tmp_path, text))
    rules.load()


def test_due_for_uses_the_stored_calendar(work_calendar):
    due, version = rules.due_for("admin.lead_verification", date(2026, 9, 25))
    assert due.due == date(2026, 10, 22) and version.duration == 15
    extended, _v = rules.due_for("admin.lead_verification", date(2026, 9, 25), extensions_granted=1)
    assert extended.due == date(2026, 11, 12)
    with pytest.raises(rules.ApplicationError) as exc:
        rules.due_for("admin.lead_verification", date(2026, 9, 25), extensions_granted=2)
    assert exc.value.code == "too_many_extensions"


def test_hearing_notice_counts_back(work_calendar):
    due, _v = rules.due_for("admin.hearing_notice", date(2026, 10, 13))
    assert due.due == date(2026, 9, 28)


RESEARCH_POINTER = re.compile(r"(?:wave2|legal)-rules"
                              r"|(?<![A-Za-z0-9])(?:[TLFCIW]\d{1,2}[a-z]?|[A-H]-\d{2})(?![A-Za-z0-9])"
                              r"|[（(][a-z_]+\.[a-z_.]+[）)]")


def _texts(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("citation", "note", "incomplete", "text") and isinstance(item, str):
                yield item
            else:
                yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def test_texts_people_read_carry_no_research_pointers():
    """Citations and notes are shown as written: the research-note item is the rule's `ref`, never in the text."""
    found = [(path.name, text) for path in sorted(Path(settings.RULES_DIR).glob("*.yaml"))
             for text in _texts(yaml.safe_load(path.read_text(encoding="utf-8"))) if RESEARCH_POINTER.search(text)]
    assert found == []
