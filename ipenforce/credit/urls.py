from django.urls import path

from ipenforce.core.export_views import list_export
from ipenforce.credit import views

app_name = "credit"

urlpatterns = [
    path("public/penalties/", views.public_list, name="public_list"),
    path("public/penalties/<int:pk>/", views.public_detail, name="public_detail"),
    path("public/penalties/<int:pk>/decision.docx", views.public_document, name="public_document"),
    path("credit/", views.overview, name="overview"),
    path("credit/publications/export.xlsx", list_export("credit_publications"), name="export_publications"),
    path("credit/listings/export.xlsx", list_export("credit_listings"), name="export_listings"),
    path("credit/publications/<int:pk>/", views.publication_page, name="publication"),
    path("credit/listings/<int:pk>/", views.listing_page, name="listing"),
    path("credit/repairs/<int:pk>/", views.repair_page, name="repair"),
    path("credit/publications/<int:pk>/decision.docx", views.publication_document, name="publication_document"),
    path("credit/repairs/<int:pk>/decision.docx", views.repair_document, name="repair_document"),
    path("credit/<str:kind>/<int:pk>/actions/<str:action>/", views.step, name="step"),
    path("cases/<int:case_id>/listings/new/", views.listing_new, name="listing_new"),
    path("credit/repairs/new/", views.repair_new, name="repair_new"),
    path("credit/parties/", views.party_page, name="party"),
]
