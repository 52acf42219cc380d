from django.urls import path

from ipenforce.linkage import views

app_name = "linkage"

urlpatterns = [
    path("transfers/", views.transfer_queue, name="queue"),
    path("transfers/<int:pk>/", views.transfer_page, name="detail"),
    path("transfers/<int:pk>/actions/<str:action>/", views.transfer_step, name="step"),
    path("cases/<int:case_id>/transfers/", views.transfer_propose, name="propose"),
]
