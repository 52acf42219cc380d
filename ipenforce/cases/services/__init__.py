"""Every write on cases: one function per use case, transactional and audited."""
from ipenforce.cases.services.leads import (
    case_register, case_update, party_add, party_remove, right_add, right_remove,
)
from ipenforce.cases.services.perform import GuardFailed, perform

__all__ = ["case_register", "case_update", "party_add", "party_remove", "right_add", "right_remove", "perform",
           "GuardFailed"]
