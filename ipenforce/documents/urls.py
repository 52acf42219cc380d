from django.urls import path

from ipenforce.core.export_views import list_export
from ipenforce.documents import views

app_name = "documents"

urlpatterns = [
    path("cases/<int:pk>/documents/", views.case_documents_page, name="case"),
    path("cases/<int:pk>/documents/export.xlsx", list_export("documents"), name="export"),
    path("documents/templates/export.xlsx", list_export("document_templates"), name="templates_export"),
    path("cases/<int:pk>/documents/generate/", views.generate, name="generate"),
    path("cases/<int:pk>/documents/<int:document_id>/", views.download, name="download"),
    path("documents/templates/", views.template_list, name="templates"),
    path("cases/<int:pk>/case-file.zip", views.case_file_download, name="case_file_download"),
]
