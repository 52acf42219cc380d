from django.urls import path

from ipenforce.linkage import views

app_name = "linkage"

urlpatterns = [
    path("transfers/", views.transfer_queue, name="queue"),
    path("transfers/<int:pk>/", views.transfer_page, name="detail"),
    path("transfers/<int:pk>/actions/<str:action>/", views.transfer_step, name="step"),
    path("cases/<int:case_id>/transfers/", views.transfer_propose, name="propose"),
    path("transfers/<int:pk>/steps/<int:step_id>/files/", views.step_upload, name="upload"),
    path("transfers/<int:pk>/files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("transfers/supervision/", views.supervision_page, name="supervision"),
    path("cases/<int:case_id>/supervision-opinions/", views.opinion_issue, name="opinion_issue"),
    path("supervision-opinions/<int:opinion_id>/", views.opinion_page, name="opinion"),
]
