from django.urls import path

from ipenforce.stats import views

app_name = "stats"

urlpatterns = [
    path("reports/", views.report_page, name="report"),
    path("reports/export.xlsx", views.report_export, name="export"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("dashboard/<str:key>.xlsx", views.chart_export, name="chart_export"),
]
