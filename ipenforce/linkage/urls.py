from django.urls import path

from ipenforce.core.export_views import list_export
from ipenforce.linkage import views

app_name = "linkage"

urlpatterns = [
    path("transfers/", views.transfer_queue, name="queue"),
    path("transfers/export.xlsx", list_export("transfers"), name="export"),
    path("transfers/supervision/untransferred.xlsx", list_export("untransferred"), name="export_untransferred"),
    path("transfers/supervision/overdue.xlsx", list_export("overdue_police_decisions"), name="export_overdue"),
    path("transfers/supervision/non-filings.xlsx", list_export("non_filings"), name="export_non_filings"),
    path("transfers/supervision/opinions.xlsx", list_export("opinions"), name="export_opinions"),
    path("transfers/<int:pk>/", views.transfer_page, name="detail"),
    path("transfers/<int:pk>/actions/<str:action>/", views.transfer_step, name="step"),
    path("transfers/<int:pk>/steps/<int:step_id>/files/", views.step_upload, name="upload"),
    path("transfers/<int:pk>/files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("transfers/supervision/", views.supervision_page, name="supervision"),
    path("cases/<int:case_id>/supervision-opinions/", views.opinion_issue, name="opinion_issue"),
    path("supervision-opinions/<int:opinion_id>/", views.opinion_page, name="opinion"),
]
