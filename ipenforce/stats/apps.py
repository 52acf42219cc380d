from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "ipenforce.stats"
    label = "stats"
    verbose_name = "统计"
