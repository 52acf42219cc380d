from django.urls import path

from ipenforce.command import views
from ipenforce.core.export_views import list_export

app_name = "command"

urlpatterns = [
    path("assignments/", views.assignment_index, name="assignments"),
    path("assignments/export.xlsx", list_export("assignments"), name="assignments_export"),
    path("assignments/new/", views.assignment_new, name="assignment_new"),
    path("assignments/<int:pk>/", views.assignment_page, name="assignment"),
    path("assignments/<int:pk>/notice/", views.assignment_notice, name="assignment_notice"),
    path("assistance-requests/", views.assistance_index, name="assistance_list"),
    path("assistance-requests/export.xlsx", list_export("assistance_requests"), name="assistance_export"),
    path("assistance-requests/new/", views.assistance_new, name="assistance_new"),
    path("assistance-requests/<int:pk>/", views.assistance_page, name="assistance"),
    path("assistance-requests/<int:pk>/files/", views.assistance_upload, name="assistance_upload"),
    path("assistance-requests/<int:pk>/files/<int:file_id>/", views.assistance_file, name="assistance_file"),
    path("assistance-requests/<int:pk>/evidence/", views.assistance_evidence, name="assistance_evidence"),
    path("cases/<int:case_id>/supplier-notice/", views.supplier_notice_new, name="supplier_notice"),
    path("assignments/<int:pk>/actions/<str:action>/", views.subject_step, {"key": "assignment"},
         name="assignment_step"),
    path("assistance-requests/<int:pk>/actions/<str:action>/", views.subject_step, {"key": "assistance"},
         name="assistance_step"),
    path("joint-operations/", views.operation_index, name="operations"),
    path("joint-operations/export.xlsx", list_export("joint_operations"), name="operations_export"),
    path("joint-operations/new/", views.operation_new, name="operation_new"),
    path("joint-operations/<int:pk>/", views.operation_page, name="operation"),
    path("joint-operations/<int:pk>/cases/", views.operation_link, name="operation_link"),
    path("joint-operations/<int:pk>/actions/<str:action>/", views.subject_step, {"key": "operation"},
         name="operation_step"),
]
