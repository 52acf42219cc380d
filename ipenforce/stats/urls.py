from django.urls import path

from ipenforce.stats import assessment_views, views

app_name = "stats"

urlpatterns = [
    path("reports/", views.report_page, name="report"),
    path("reports/export.xlsx", views.report_export, name="export"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("dashboard/<str:key>.xlsx", views.chart_export, name="chart_export"),
    path("assessment/", assessment_views.assessment_page, name="assessment"),
    path("assessment/<str:level>.xlsx", assessment_views.assessment_export, name="assessment_export"),
    path("assessment/schemes/<int:year>/", assessment_views.scheme_edit, name="scheme_edit"),
]
