"""Pages for agency and user administration and the user's own profile with API tokens; thin: selectors and services."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipenforce.core.errors import ApplicationError, ValidationFailed
from ipenforce.core.forms import add_service_error
from ipenforce.orgs import selectors, services
from ipenforce.orgs.exports import agency_rows, user_rows
from ipenforce.orgs.forms import AgencyFilterForm, AgencyForm, TokenForm, UserFilterForm, UserForm
from ipenforce.orgs.models import Role
from ipenforce.orgs.permissions import can_administer
from ipenforce.orgs.services import logins, totp

PAGE_SIZE = 25


def _require_admin(user) -> None:
    if not can_administer(user):
        raise Http404


def _filtered(request, form_class, rows):
    """The list page's filter form and rows; with a bad filter the form shows the error over an empty list."""
    try:
        return form_class(request.GET or None), rows(request.user, request.GET)
    except ValidationFailed:
        return form_class(request.GET or None), rows(request.user, {}).none()


def _agencies(request):
    return _filtered(request, AgencyFilterForm, agency_rows)


@login_required
def agency_list(request):
    form, agencies = _agencies(request)
    page = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("page"))
    manageable = set(selectors.manageable_agencies(request.user).filter(pk__in=[a.pk for a in page])
                     .values_list("pk", flat=True))
    return render(request, "orgs/agency_list.html", {
        "page": page, "filter_form": form, "manageable": manageable,
        "can_create": can_administer(request.user),
    })


def _agency_form_page(request, agency=None):
    parents = selectors.manageable_agencies(request.user).filter(is_active=True)
    if agency is not None:
        parents = parents.exclude(path__startswith=agency.path)
    initial = {}
    if agency is not None:
        initial = {f: getattr(agency, f) for f in ("parent", "name", "short_name", "kind", "level", "region_code",
                                                   "is_active")}
    form = AgencyForm(request.POST or None, parents=parents, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if agency is None:
                data.pop("is_active")
                services.agency_create(actor=request.user, **data)
                messages.success(request, _("单位已创建。"))
            else:
                services.agency_update(actor=request.user, agency=agency, changes=data)
                messages.success(request, _("单位已保存。"))
            return redirect("orgs:agency_list")
        except ApplicationError as exc:
            add_service_error(form, exc)
    return render(request, "orgs/agency_form.html", {"form": form, "agency": agency})


@login_required
def agency_create(request):
    _require_admin(request.user)
    return _agency_form_page(request)


@login_required
def agency_edit(request, pk: int):
    return _agency_form_page(request, get_object_or_404(selectors.manageable_agencies(request.user), pk=pk))


def _users(request):
    return _filtered(request, UserFilterForm, user_rows)


@login_required
def user_list(request):
    form, users = _users(request)
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    manageable = set(selectors.manageable_users(request.user).filter(pk__in=[u.pk for u in page])
                     .values_list("pk", flat=True))
    return render(request, "orgs/user_list.html", {
        "page": page, "filter_form": form, "manageable": manageable,
        "can_create": can_administer(request.user), "role_labels": dict(Role.choices),
    })


def _user_form_page(request, user=None):
    agencies = selectors.manageable_agencies(request.user).filter(is_active=True)
    initial = {}
    if user is not None:
        initial = {f: getattr(user, f) for f in (
            "username", "full_name", "agency", "phone", "email", "certificate_no",
            "certificate_valid_from", "certificate_valid_to", "is_active")}
        initial["roles"] = sorted(user.role_set)
    form = UserForm(request.POST or None, agencies=agencies, editing=user is not None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if user is None:
                services.user_create(actor=request.user, **data)
                messages.success(request, _("用户已创建。"))
            else:
                data.pop("username")
                services.user_update(actor=request.user, user=user, changes=data)
                messages.success(request, _("用户已保存。"))
            return redirect("orgs:user_list")
        except ApplicationError as exc:
            add_service_error(form, exc)
    return render(request, "orgs/user_form.html", {"form": form, "edited": user})


@login_required
def user_create(request):
    _require_admin(request.user)
    return _user_form_page(request)


@login_required
def user_edit(request, pk: int):
    return _user_form_page(request, get_object_or_404(selectors.manageable_users(request.user), pk=pk))


@login_required
@require_POST
def user_security(request, pk: int):
    """An administrator lifts a user's login locks or removes their TOTP device (both audited by the services)."""
    user = get_object_or_404(selectors.manageable_users(request.user), pk=pk)
    if request.POST.get("op") == "totp_reset":
        totp.totp_reset(actor=request.user, user=user)
        messages.success(request, _("动态口令已重置，该用户下次登录时需重新绑定。"))
    else:
        count = logins.login_unlock(actor=request.user, user=user)
        messages.success(request, _("已解除%(n)d项登录锁定。") % {"n": count})
    return redirect("orgs:user_edit", pk)


@login_required
def profile(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_token = services.token_issue(user=request.user, **form.cleaned_data)
            form = TokenForm()
        except ApplicationError as exc:
            add_service_error(form, exc)
    return render(request, "orgs/profile.html", {
        "form": form, "new_token": new_token, "tokens": selectors.user_tokens(request.user), "now": timezone.now(),
        "role_labels": [Role(r).label for r in sorted(request.user.role_set)],
    })


@login_required
@require_POST
def token_revoke(request, pk: int):
    services.token_revoke(actor=request.user, token=get_object_or_404(selectors.user_tokens(request.user), pk=pk))
    messages.success(request, _("令牌已吊销。"))
    return redirect("orgs:profile")
