"""The workbench page: the user's open work items, paginated."""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from ipenforce.orgs.choices import Role
from ipenforce.orgs.selectors import work_queue

PAGE_SIZE = 20


@login_required
def home(request):
    page = Paginator(work_queue(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workbench/home.html", {"page": page, "role_labels": dict(Role.choices)})
