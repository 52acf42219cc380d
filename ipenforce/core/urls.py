from django.urls import path

from ipenforce.core import views

app_name = "core"
urlpatterns = [
    path("rules/", views.rule_list, name="rule_list"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/years/", views.calendar_year_create, name="calendar_year_create"),
    path("calendar/days/", views.calendar_day_update, name="calendar_day_update"),
]
