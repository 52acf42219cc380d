"""Rebuild the monthly rollup of the period report and the dashboard (stats.rollup) from the cases, set-based."""
import time

from django.core.management.base import BaseCommand

from ipenforce.stats.rollup import rebuild


class Command(BaseCommand):
    help = ("Recompute the monthly rollup of the report and dashboard figures from the base tables (after a "
            "migration, a restore or a bulk load; the triggers and the periodic task keep it current otherwise).")

    def handle(self, *args, **options):
        began = time.perf_counter()
        rows = rebuild()
        self.stdout.write(f"month figures rebuilt: {rows} rows in {time.perf_counter() - began:.1f} s")
