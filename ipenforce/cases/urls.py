from django.urls import path

from ipenforce.cases import views
from ipenforce.core.export_views import list_export
from ipenforce.core.import_views import import_template_view, list_import

app_name = "cases"

urlpatterns = [
    path("cases/", views.case_list, name="list"),
    path("cases/export.xlsx", list_export("cases"), name="export"),
    path("cases/import/", list_import("legacy_cases"), name="import"),
    path("cases/import/template.xlsx", import_template_view("legacy_cases"), name="import_template"),
    path("cases/approvals/export.xlsx", list_export("approvals"), name="approvals_export"),
    path("cases/new/", views.case_create, name="create"),
    path("cases/approvals/", views.approval_queue, name="approvals"),
    path("cases/<int:pk>/", views.case_detail, name="detail"),
    path("cases/<int:pk>/edit/", views.case_edit, name="edit"),
    path("cases/<int:pk>/actions/<str:action>/", views.case_action, name="action"),
    path("cases/<int:pk>/parties/", views.party_add, name="party_add"),
    path("cases/<int:pk>/parties/<int:party_id>/delete/", views.party_remove, name="party_remove"),
    path("cases/<int:pk>/rights/", views.right_add, name="right_add"),
    path("cases/<int:pk>/rights/<int:right_id>/delete/", views.right_remove, name="right_remove"),
]
