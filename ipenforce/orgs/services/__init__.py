"""Every write to agencies, users and tokens: one function per use case, transactional and audited."""
from ipenforce.orgs.services.agencies import agency_create, agency_update
from ipenforce.orgs.services.tokens import token_authenticate, token_issue, token_revoke
from ipenforce.orgs.services.users import user_create, user_set_password, user_update

__all__ = [
    "agency_create",
    "agency_update",
    "token_authenticate",
    "token_issue",
    "token_revoke",
    "user_create",
    "user_set_password",
    "user_update",
]
