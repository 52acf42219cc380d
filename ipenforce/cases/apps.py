from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "ipenforce.cases"
    label = "cases"
    verbose_name = "案件"
