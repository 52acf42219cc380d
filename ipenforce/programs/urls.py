from django.urls import path

from ipenforce.core.export_views import list_export
from ipenforce.core.import_views import import_template_view, list_import
from ipenforce.programs import views

app_name = "programs"

urlpatterns = [
    path("programs/", views.home, name="home"),
    path("programs/calls/", views.calls, name="calls"),
    path("programs/calls/<int:pk>/", views.call_page, name="call"),
    path("programs/calls/<int:pk>/sample/", views.call_sample, name="call_sample"),
    path("programs/applications/", views.applications, name="applications"),
    path("programs/applications/export.xlsx", list_export("funding_applications"), name="applications_export"),
    path("programs/applications/<int:pk>/", views.application_page, name="application"),
    path("programs/applications/<int:pk>/actions/<str:action>/", views.application_step, name="application_step"),
    path("programs/report/", views.report, name="report"),
    path("programs/report.docx", views.report_docx, name="report_docx"),
    path("programs/report.xlsx", list_export("funding_report"), name="report_export"),
    path("programs/ledgers/", views.ledgers, name="ledgers"),
    path("programs/ledgers/<int:pk>/", views.ledger_page, name="ledger"),
    path("programs/ledgers/<int:document>/tasks.xlsx", list_export("policy_tasks"), name="ledger_export"),
    path("programs/ledgers/<int:document>/import/", list_import("policy_tasks"), name="ledger_import"),
    path("programs/ledgers/<int:document>/import/template.xlsx", import_template_view("policy_tasks"),
         name="ledger_import_template"),
    path("programs/tasks/<int:pk>/", views.task_page, name="task"),
    path("programs/tasks/<int:pk>/actions/<str:action>/", views.task_step, name="task_step"),
    path("programs/score-sheets/", views.score_sheets, name="score_sheets"),
    path("programs/score-sheets/<int:pk>/", views.score_sheet_page, name="score_sheet"),
    path("programs/applications/<int:pk>/experts/", views.application_experts, name="application_experts"),
    path("programs/key-enterprises/", views.key_enterprises, name="key_enterprises"),
    path("programs/key-enterprises/export.xlsx", list_export("key_enterprises"), name="key_enterprises_export"),
    path("programs/key-enterprises/import/", list_import("key_enterprises"), name="key_enterprises_import"),
    path("programs/key-enterprises/import/template.xlsx", import_template_view("key_enterprises"),
         name="key_enterprises_import_template"),
    path("programs/key-enterprises/<int:pk>/", views.key_enterprise_page, name="key_enterprise"),
    path("programs/key-enterprises/<int:pk>/actions/<str:action>/", views.key_enterprise_step,
         name="key_enterprise_step"),
    path("programs/alliances/", views.alliances, name="alliances"),
    path("programs/alliances/export.xlsx", list_export("alliances"), name="alliances_export"),
    path("programs/rights-contacts/", views.rights_contacts, name="rights_contacts"),
    path("programs/rights-contacts/export.xlsx", list_export("rights_contacts"), name="rights_contacts_export"),
    path("programs/rights-contacts/import/", list_import("rights_contacts"), name="rights_contacts_import"),
    path("programs/rights-contacts/import/template.xlsx", import_template_view("rights_contacts"),
         name="rights_contacts_import_template"),
    path("programs/stations/", views.stations, name="stations"),
    path("programs/stations/export.xlsx", list_export("stations"), name="stations_export"),
]
