"""Django's `user.has_perm(...)` answered from roles, for apps below orgs that must not import it."""
from ipenforce.orgs.permissions import PERMISSIONS


class RolePermissionBackend:
    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        rule = PERMISSIONS.get(perm)
        return bool(rule and rule(user_obj))
