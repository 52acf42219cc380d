from django.urls import path

from ipenforce.core.export_views import list_export
from ipenforce.workbench import views

app_name = "workbench"
urlpatterns = [
    path("", views.home, name="home"),
    path("work-items/export.xlsx", list_export("work_items"), name="export"),
]
