from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "ipenforce.linkage"
    label = "linkage"
    verbose_name = "两法衔接"
