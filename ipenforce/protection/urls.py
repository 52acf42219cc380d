from django.urls import path

from ipenforce.protection import views

app_name = "protection"

urlpatterns = [
    path("protection/", views.desk, name="desk"),
    path("protection/complaints/new/", views.complaint_new, name="complaint_new"),
    path("protection/complaints/<int:pk>/", views.complaint_page, name="complaint"),
    path("protection/complaints/<int:pk>/actions/<str:action>/", views.complaint_step, name="complaint_step"),
    path("protection/notices/<int:pk>/", views.notice_page, name="notice"),
    path("protection/notices/<int:pk>/actions/<str:action>/", views.notice_step, name="notice_step"),
    path("protection/adjudications/<int:pk>/", views.adjudication_page, name="adjudication"),
    path("protection/adjudications/<int:pk>/actions/<str:action>/", views.adjudication_step,
         name="adjudication_step"),
    path("protection/adjudications/<int:pk>/documents/<int:document_id>/", views.adjudication_document,
         name="adjudication_document"),
    path("protection/mediations/<int:pk>/", views.mediation_page, name="mediation"),
    path("protection/mediations/<int:pk>/actions/<str:action>/", views.mediation_step, name="mediation_step"),
    path("protection/targets/", views.targets, name="targets"),
    path("protection/statistics/", views.statistics, name="statistics"),
    path("protection/mediators/", views.mediators, name="mediators"),
    path("protection/certificates/", views.certificates, name="certificates"),
    path("protection/certificates/<int:pk>/file/", views.certificate_file, name="certificate_file"),
    path("protection/registrations/", views.registrations, name="registrations"),
    path("protection/registrations/<int:pk>/", views.registration_page, name="registration"),
    path("protection/registrations/<int:pk>/actions/<str:action>/", views.registration_step,
         name="registration_step"),
    path("protection/registrations/<int:pk>/file/", views.registration_file, name="registration_file"),
    path("public/takedown-notices/", views.public_notices, name="public_notices"),
    path("public/register/", views.register, name="register"),
]
