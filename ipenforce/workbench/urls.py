from django.urls import path

from ipenforce.core.export_views import list_export
from ipenforce.workbench import views

app_name = "workbench"
urlpatterns = [
    path("", views.home, name="home"),
    path("work-items/export.xlsx", list_export("work_items"), name="export"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/", views.notification_open, name="notification"),
    path("inbox/read-all/", views.notifications_read_all, name="read_all"),
    path("command/", views.command_view, name="command"),
    path("command/units/<int:pk>/work/", views.unit_work, name="unit_work"),
]
