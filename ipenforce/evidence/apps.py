from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "ipenforce.evidence"
    label = "evidence"
    verbose_name = "证据"
