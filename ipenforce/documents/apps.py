from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "ipenforce.documents"
    label = "documents"
    verbose_name = "文书"
