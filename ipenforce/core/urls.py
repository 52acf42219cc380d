from django.urls import path

from ipenforce.core import export_views, import_views, views
from ipenforce.core.export_views import list_export

app_name = "core"
urlpatterns = [
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/export.xlsx", list_export("rules"), name="rule_export"),
    path("exports/", export_views.export_list, name="export_list"),
    path("exports/<int:pk>/", export_views.export_job, name="export_job"),
    path("exports/<int:pk>/file/", export_views.export_file, name="export_file"),
    path("exports/<int:pk>/retry/", export_views.export_retry, name="export_retry"),
    path("imports/<int:pk>/", import_views.import_job, name="import_job"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/years/", views.calendar_year_create, name="calendar_year_create"),
    path("calendar/days/", views.calendar_day_update, name="calendar_day_update"),
]
