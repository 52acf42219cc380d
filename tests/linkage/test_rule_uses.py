"""§2.2 items without a number (L1, L3a, L3b, L4b, L11, L13, L20): each is a rule with its citation, tied to the
action of the case or transfer procedure that carries it, and listed on the rules page."""
from datetime import date

import pytest

from ipenforce.core import rules
from ipenforce.linkage.rule_uses import USES
from ipenforce.workflow.registry import procedure


@pytest.mark.parametrize("key,ref,action", [
    ("linkage.immediate_report", "L1", "propose_transfer"),
    ("linkage.reasonable_suspicion", "L3a", "propose_transfer"),
    ("linkage.police_not_competent", "L4b", "forward"),
    ("linkage.supervision_result_notice", "L11", "notify_filing"),
    ("linkage.reverse_transfer", "L13", "return_for_admin"),
    ("linkage.fine_offset", "L20", "judge"),
])
def test_rule_is_carried_by_an_action_and_listed(key, ref, action):
    assert rules.get_rule(key).ref == ref and USES[key][0] == action
    assert action in procedure("transfer").actions or action in procedure("case").actions
    assert USES[key][1] in rules.uses_of(key)


def test_copy_to_the_procuratorate_is_a_local_pattern_nobody_adopted():
    version = rules.version_on("linkage.copy_procuratorate", date(2026, 1, 5))
    assert version.local and version.adopted_by == [] and version.mark == "◐"
