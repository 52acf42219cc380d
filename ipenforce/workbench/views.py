"""The workbench pages: the user's open work items, the inbox of notifications with its settings, and the command
view of a head's units with the work waiting at each."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipenforce.core.pagination import capped_page
from ipenforce.orgs.choices import Role
from ipenforce.orgs.models import path_ids
from ipenforce.orgs.selectors import work_queue
from ipenforce.workbench import selectors, services
from ipenforce.workbench.command import (
    FIGURES,
    FIGURES_BY_KEY,
    WORK_KINDS,
    board,
    command_root,
    command_units,
    unit_work_items,
)
from ipenforce.workbench.forms import PreferenceForm
from ipenforce.workbench.permissions import may_command

PAGE_SIZE = 20


@login_required
def home(request):
    page = capped_page(work_queue(request.user), PAGE_SIZE, request.GET.get("page"))
    return render(request, "workbench/home.html", {"page": page, "role_labels": dict(Role.choices)})


@login_required
def inbox(request):
    unread = request.GET.get("unread") == "1"
    page = Paginator(selectors.inbox(request.user, unread_only=unread), PAGE_SIZE).get_page(request.GET.get("page"))
    preference = selectors.preference(request.user)
    form = PreferenceForm(request.POST or None, initial={
        "email_new": preference.email_new, "email_due_soon": preference.email_due_soon,
        "email_overdue": preference.email_overdue})
    if request.method == "POST" and form.is_valid():
        services.preference_save(user=request.user, **form.cleaned_data)
        messages.success(request, _("消息设置已保存。"))
        return redirect("workbench:inbox")
    return render(request, "workbench/inbox.html", {"page": page, "unread": unread, "form": form,
                                                     "email_configured": settings.EMAIL_NOTIFICATIONS})


@login_required
def notification_open(request, pk: int):
    """Mark the notification read and go to the work it is about."""
    notification = get_object_or_404(selectors.inbox(request.user), pk=pk)
    services.notification_read(user=request.user, notification=notification)
    return redirect(notification.item.url or "workbench:home")


@login_required
@require_POST
def notifications_read_all(request):
    count = services.notifications_read_all(user=request.user)
    messages.success(request, _("已将 %(n)s 条消息标为已读。") % {"n": count})
    return redirect("workbench:inbox")


def _command_root(request, unit_id=None):
    if not may_command(request.user):
        raise Http404
    if unit_id is None and request.GET.get("unit"):
        unit_id = request.GET["unit"]
        if not unit_id.isdigit():
            raise Http404
    root = command_root(request.user, None if unit_id is None else int(unit_id))
    if root is None:
        raise Http404
    return root


@login_required
def command_view(request):
    root = _command_root(request)
    rows = board(request.user, root, timezone.now())
    ancestors = command_units(request.user).filter(pk__in=path_ids(root.path)[:-1]).order_by("path")
    return render(request, "workbench/command.html", {
        "root": root, "rows": rows, "figures": FIGURES, "ancestors": ancestors})


@login_required
def unit_work(request, pk: int):
    """The open work waiting at a unit and the units under it, for its heads and supervisors above."""
    unit = _command_root(request, pk)
    key = request.GET.get("figure") or "work"
    if key not in WORK_KINDS:
        raise Http404
    overdue = request.GET.get("due") == "overdue"
    items = unit_work_items(request.user, unit, key, overdue=overdue, now=timezone.now())
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workbench/unit_work.html", {
        "unit": unit, "figure": FIGURES_BY_KEY[key], "page": page, "overdue": overdue,
        "role_labels": dict(Role.choices)})
