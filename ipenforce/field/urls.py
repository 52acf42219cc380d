from django.urls import path

from ipenforce.field import views

app_name = "field"

urlpatterns = [
    path("cases/<int:pk>/records/", views.case_records_page, name="case"),
    path("cases/<int:pk>/evidence-list/", views.evidence_list_page, name="evidence_list"),
    path("field/records/<int:pk>/", views.record_page, name="record"),
    path("field/records/<int:pk>/sign/", views.record_sign, name="sign"),
    path("field/records/<int:pk>/seal/", views.record_seal, name="seal"),
    path("field/records/<int:pk>/correct/", views.record_correct, name="correct"),
    path("field/records/<int:pk>/signatures/<int:signature_id>/", views.signature_image, name="signature"),
    path("field/photos/<int:pk>/", views.photo_download, name="photo"),
    path("field/photos/<int:pk>/display/", views.photo_display, name="photo_display"),
    path("m/", views.phone_app, name="phone"),
    path("m/manifest.webmanifest", views.phone_manifest, name="manifest"),
    path("m/sw.js", views.phone_service_worker, name="service_worker"),
]
