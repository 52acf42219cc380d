from django.urls import path

from ipenforce.campaigns import views
from ipenforce.core.export_views import list_export

app_name = "campaigns"

urlpatterns = [
    path("campaigns/", views.campaign_index, name="index"),
    path("campaigns/new/", views.campaign_new, name="new"),
    path("campaigns/reports/", views.report_index, name="reports"),
    path("campaigns/reports/export.xlsx", list_export("campaign_reports"), name="reports_export"),
    path("campaigns/reports/<int:pk>/", views.report_page, name="report"),
    path("campaigns/reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("campaigns/reports/<int:pk>/actions/<str:action>/", views.report_step, name="report_step"),
    path("campaigns/summaries/<int:pk>/report.docx", views.summary_docx, name="summary_docx"),
    path("campaigns/summaries/<int:pk>/report.xlsx", views.summary_xlsx, name="summary_xlsx"),
    path("campaigns/<int:pk>/", views.campaign_page, name="detail"),
    path("campaigns/<int:pk>/tags/", views.campaign_tag, name="tag"),
    path("campaigns/<int:pk>/open-reports/", views.campaign_open_reports, name="open_reports"),
    path("campaigns/<int:pk>/summaries/", views.summary_new, name="summary_new"),
]
