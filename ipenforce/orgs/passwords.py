"""Password rules for 等级保护 level 3 beyond Django's own validators: character classes, not the username,
no reuse of recent passwords; and the expiry check."""
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

CLASSES = (str.islower, str.isupper, str.isdigit)


def character_classes(password: str) -> int:
    found = {index for char in password for index, test in enumerate(CLASSES) if test(char)}
    if any(not (char.islower() or char.isupper() or char.isdigit()) for char in password):
        found.add(len(CLASSES))
    return len(found)


class CharacterClassesValidator:
    """At least `min_classes` of: lower-case letters, upper-case letters, digits, other characters."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _("密码须包含大写字母、小写字母、数字和其他符号中的至少%(n)d类。") % {"n": self.min_classes}


class NotUsernameValidator:
    """The password neither contains the username nor the username reversed."""

    def validate(self, password, user=None):
        username = (getattr(user, "username", "") or "").lower()
        lowered = password.lower()
        if len(username) >= 3 and (username in lowered or username[::-1] in lowered):
            raise ValidationError(self.get_help_text(), code="password_contains_username")

    def get_help_text(self):
        return _("密码不能包含用户名。")


class PasswordHistoryValidator:
    """A new password differs from the last `count` passwords; password_changed() keeps that history."""

    def __init__(self, count: int = 5):
        self.count = count

    def _recent(self, user):
        if user is None or user.pk is None or self.count == 0:
            return []
        return list(user.password_history.values_list("password", flat=True)[: self.count])

    def validate(self, password, user=None):
        if any(check_password(password, encoded) for encoded in self._recent(user)):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def password_changed(self, password, user=None):
        if user is None or user.pk is None or self.count == 0:
            return
        from ipenforce.orgs.models import PasswordHistory

        PasswordHistory.objects.create(user=user, password=user.password)
        stale = user.password_history.values_list("pk", flat=True)[self.count:]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self):
        return ngettext("不能与最近%(n)d次使用过的密码相同。", "不能与最近%(n)d次使用过的密码相同。",
                        self.count) % {"n": self.count}


def password_expired(user) -> bool:
    """Whether the user's password is older than IPENFORCE_PASSWORD_MAX_AGE_DAYS (0: passwords do not expire)."""
    days = settings.PASSWORD_MAX_AGE_DAYS
    if not days or not user.has_usable_password():
        return False
    changed = user.password_changed_at or user.date_joined
    return timezone.now() - changed > timedelta(days=days)
