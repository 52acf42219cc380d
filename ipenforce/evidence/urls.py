from django.urls import path

from ipenforce.evidence import views

app_name = "evidence"

urlpatterns = [
    path("cases/<int:pk>/evidence/", views.case_evidence_page, name="case"),
    path("cases/<int:pk>/evidence/<int:item_id>/custody/", views.custody_add, name="custody"),
    path("cases/<int:pk>/evidence/<int:item_id>/proves/", views.proves_set, name="proves"),
    path("cases/<int:pk>/evidence/files/<int:file_id>/", views.download, name="download"),
    path("cases/<int:pk>/evidence/export.xlsx", views.export, name="export"),
]
