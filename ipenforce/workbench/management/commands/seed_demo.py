"""Seed the demo city (agencies, users for every role, the work calendar, a few cases) and print the logins."""
from django.core.management.base import BaseCommand

from ipenforce.cases.demo import seed_demo_cases
from ipenforce.core.calendar import calendar_sync_from_package
from ipenforce.orgs.demo import DEMO_PASSWORD, seed_demo
from ipenforce.protection.demo import seed_demo_protection, seed_outside_organisations
from ipenforce.stats.demo import seed_demo_history, seed_demo_schemes


class Command(BaseCommand):
    help = "Create the Shenzhen demo agencies, users and cases (idempotent) and print the logins."

    def handle(self, *args, **options):
        calendar_sync_from_package()
        rows = seed_demo()
        created = seed_demo_cases()
        history = seed_demo_history()
        seed_demo_schemes()
        seed_demo_protection()
        rows += seed_outside_organisations()
        self.stdout.write("")
        if created or history:
            self.stdout.write(f"Demo cases created: {created} (and {history} historical cases of 2017–2018)")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        width = max(len(r[0]) for r in rows)
        for username, agency, roles in rows:
            self.stdout.write(f"  {username.ljust(width)}  {agency}  [{roles}]")
        self.stdout.write("")
