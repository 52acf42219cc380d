"""Copy the statutory holidays and make-up working days chinese-calendar knows into the WorkCalendar tables."""
from django.core.management.base import BaseCommand

from ipenforce.core.calendar import calendar_sync_from_package


class Command(BaseCommand):
    help = "Fill the working-day calendar from the chinese-calendar package (years maintained by hand are kept)."

    def handle(self, *args, **options):
        years = calendar_sync_from_package()
        if years:
            self.stdout.write(f"work calendar synced for {years[0]}–{years[-1]} ({len(years)} years)")
        else:
            self.stdout.write("work calendar: nothing to sync")
