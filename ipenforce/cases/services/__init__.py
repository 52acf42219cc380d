"""Every write on cases: one function per use case, transactional and audited. Actions on a case run through
the workflow engine (`workflow.services.perform` with the case procedure)."""
from ipenforce.cases.services.leads import (
    case_register,
    case_update,
    lead_refer,
    party_add,
    party_remove,
    right_add,
    right_remove,
)

__all__ = ["case_register", "case_update", "lead_refer", "party_add", "party_remove", "right_add", "right_remove"]
