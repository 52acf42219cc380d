"""The workbench pages: the user's open work items, and the inbox of notifications with its settings."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipenforce.orgs.choices import Role
from ipenforce.orgs.selectors import work_queue
from ipenforce.workbench import selectors, services
from ipenforce.workbench.forms import PreferenceForm

PAGE_SIZE = 20


@login_required
def home(request):
    page = Paginator(work_queue(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
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
