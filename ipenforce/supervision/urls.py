from django.urls import path

from ipenforce.supervision import views

app_name = "supervision"

urlpatterns = [
    path("supervision/cases/", views.case_list, name="case_list"),
    path("supervision/cases/weekly.xlsx", views.case_weekly, name="case_weekly"),
    path("supervision/cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("supervision/cases/<int:pk>/actions/<str:action>/", views.case_step, name="case_step"),
    path("supervision/orders/", views.order_list_page, name="order_list"),
    path("supervision/orders/<int:pk>/", views.order_detail_page, name="order_detail"),
    path("supervision/orders/<int:pk>/actions/<str:action>/", views.order_step, name="order_step"),
    path("supervision/orders/<int:pk>/documents/<str:kind>/", views.order_document_page, name="order_document"),
]
