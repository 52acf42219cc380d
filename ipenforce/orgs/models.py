"""Agencies (a tree kept as a materialised path), users with roles and enforcement certificates, API tokens."""
from datetime import date

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from ipenforce.orgs.choices import JURISDICTION_DIGITS, AgencyKind, AgencyLevel, Role

PATH_STEP = 8  # digits per tree level in Agency.path

region_code_validator = RegexValidator(r"^[1-9]\d{5}$", _("行政区划代码应为6位数字（GB/T 2260）。"),
                                       code="invalid_region_code")


def path_ids(path: str) -> list[int]:
    """The agency ids of a materialised path, from the root down to the agency itself."""
    return [int(step) for step in path.split(".") if step]


class Agency(models.Model):
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级单位")
    )
    # "00000001.00000004." — the ids from the root down; "this agency and everything under it" is a prefix match.
    path = models.CharField(max_length=255, unique=True, editable=False)
    kind = models.CharField(_("单位类型"), max_length=32, choices=AgencyKind.choices)
    level = models.CharField(_("层级"), max_length=16, choices=AgencyLevel.choices)
    region_code = models.CharField(_("行政区划代码"), max_length=6, validators=[region_code_validator])
    name = models.CharField(_("单位名称"), max_length=100)
    short_name = models.CharField(
        _("文号简称"), max_length=20, help_text=_("用于案件编号和文书文号，例如“深市监”。")
    )
    is_active = models.BooleanField(_("启用"), default=True)
    password_login = models.BooleanField(
        _("允许本地密码登录"), default=True,
        help_text=_("关闭后，本单位用户只能通过统一身份认证（单点登录）登录。"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["name"], name="agency_name_unique")]
        indexes = [
            models.Index(fields=["path"], name="agency_path_prefix_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["region_code"], name="agency_region_prefix_idx", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return len(self.path) // (PATH_STEP + 1) - 1

    @property
    def jurisdiction_prefix(self) -> str:
        return self.region_code[: JURISDICTION_DIGITS[self.level]]


class UserQuerySet(models.QuerySet):
    def with_role(self, role: str):
        return self.filter(role_grants__role=role)

    def for_request(self):
        """Users with their agency and their roles in one query: what every signed-in request reads of its user."""
        return self.select_related("agency").annotate(role_list=role_list())


class IpenforceUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person. Belongs to one agency (a superuser needs none) and holds roles there."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="users", verbose_name=_("所属单位")
    )
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    certificate_no = models.CharField(_("执法证号"), max_length=40, blank=True)
    certificate_valid_from = models.DateField(_("执法证有效期起"), null=True, blank=True)
    certificate_valid_to = models.DateField(_("执法证有效期止"), null=True, blank=True)
    # Bumped when a password changes or is reset and when the account is deactivated: every session signed
    # with the old value stops working (see _get_session_auth_hash).
    auth_epoch = models.PositiveIntegerField(default=0, editable=False)
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True, editable=False)

    objects = IpenforceUserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        ordering = ["agency_id", "username"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_superuser=True) | models.Q(agency__isnull=False), name="user_needs_agency"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @property
    def role_set(self) -> frozenset[str]:
        """The user's roles, read once per request (prefetch `role_grants` for lists)."""
        cached = getattr(self, "_role_set", None)
        if cached is None:
            if "role_list" in self.__dict__:  # loaded with the user (UserQuerySet.for_request)
                cached = frozenset(role for role in (self.role_list or "").split(",") if role)
            else:
                cached = frozenset(grant.role for grant in self.role_grants.all())
            self._role_set = cached
        return cached

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    def _get_session_auth_hash(self, secret=None):
        # Django signs each session with a hash of the password; the epoch makes a reset or a deactivation
        # end the user's other sessions even when the password hash itself stays the same.
        return salted_hmac(
            "ipenforce.orgs.User.session_auth_hash", f"{self.password}:{self.auth_epoch}", secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_set.intersection(roles))

    def certificate_valid_on(self, day: date) -> bool:
        return bool(
            self.certificate_no
            and self.certificate_valid_from
            and self.certificate_valid_to
            and self.certificate_valid_from <= day <= self.certificate_valid_to
        )


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_grant_unique")]
        indexes = [models.Index(fields=["role", "user"], name="role_grant_role_idx")]

    def __str__(self) -> str:
        return self.get_role_display()


class RoleList(models.Aggregate):
    """Roles aggregated into one comma-separated string (string_agg on PostgreSQL, group_concat on SQLite)."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = models.CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra)


def role_list(user: str = "pk") -> models.Subquery:
    """The roles of the user `user` refers to (from the outer query), comma-separated, as one column."""
    grants = RoleGrant.objects.filter(user_id=models.OuterRef(user)).order_by().values("user_id")
    return models.Subquery(grants.annotate(roles=RoleList("role")).values("roles"))


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 digest is stored; the token itself is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("用户"))
    name = models.CharField(_("名称"), max_length=60)
    prefix = models.CharField(_("前缀"), max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("到期时间"))
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class PasswordHistory(models.Model):
    """A user's earlier password hashes, so a new password cannot repeat a recent one."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="password_history_user_idx")]


class LoginThrottle(models.Model):
    """Failed logins counted per account and address, per address and per account; each lock lasts twice as
    long as the one before, and a try while locked neither counts nor extends the lock."""

    PAIR, ADDRESS, ACCOUNT = "pair", "address", "account"
    SCOPES = [(PAIR, _("账号+地址")), (ADDRESS, _("地址")), (ACCOUNT, _("账号"))]

    scope = models.CharField(_("范围"), max_length=8, choices=SCOPES)
    key = models.CharField(_("账号或地址"), max_length=200)
    failures = models.PositiveIntegerField(_("连续失败次数"), default=0)
    lockouts = models.PositiveIntegerField(_("锁定次数"), default=0)
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True)
    last_failure_at = models.DateTimeField(_("最近失败"), null=True, blank=True)

    class Meta:
        verbose_name = _("登录限制")
        verbose_name_plural = _("登录限制")
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="login_throttle_unique")]


class TotpDevice(models.Model):
    """A user's authenticator app (TOTP, RFC 6238). Only a confirmed device is asked for at login."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp_device")
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(_("启用时间"), null=True, blank=True)
    last_counter = models.BigIntegerField(default=0)  # the last time step accepted; a code is never used twice

    class Meta:
        verbose_name = _("动态口令设备")
        verbose_name_plural = _("动态口令设备")


class RoleSecurityPolicy(models.Model):
    """What an administrator requires of every holder of a role: a second factor (TOTP) at login."""

    role = models.CharField(_("角色"), max_length=32, choices=Role.choices, unique=True)
    require_totp = models.BooleanField(_("必须使用动态口令"), default=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("角色安全策略")
        verbose_name_plural = _("角色安全策略")
        ordering = ["role"]
