from django.urls import path

from ipenforce.core.export_views import list_export
from ipenforce.supervision import views
from ipenforce.supervision.checks import CHECKS
from ipenforce.supervision.exports import check_export_name

app_name = "supervision"

urlpatterns = [
    path("supervision/cases/", views.case_list, name="case_list"),
    path("supervision/cases/export.xlsx", list_export("supervised_cases"), name="case_export"),
    path("supervision/orders/export.xlsx", list_export("supervision_orders"), name="order_export"),
    path("supervision/checks/", views.checks_page, name="checks"),
    path("supervision/file-reviews/", views.review_list, name="review_list"),
    path("supervision/file-reviews/<int:pk>/", views.review_detail, name="review_detail"),
    *[path(f"supervision/checks/{c.key}.xlsx", list_export(check_export_name(c.key)), name=f"check_export_{c.key}")
      for c in CHECKS],
    path("supervision/cases/weekly.xlsx", views.case_weekly, name="case_weekly"),
    path("supervision/cases/weekly.docx", views.case_weekly, {"ext": "docx"}, name="case_weekly_docx"),
    path("supervision/cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("supervision/cases/<int:pk>/actions/<str:action>/", views.case_step, name="case_step"),
    path("supervision/orders/", views.order_list_page, name="order_list"),
    path("supervision/orders/<int:pk>/", views.order_detail_page, name="order_detail"),
    path("supervision/orders/<int:pk>/actions/<str:action>/", views.order_step, name="order_step"),
    path("supervision/orders/<int:pk>/documents/<str:kind>/", views.order_document_page, name="order_document"),
]
