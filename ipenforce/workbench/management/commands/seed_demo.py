"""Seed the demo city (agencies, users for every role, the work calendar, a few cases) and print the logins."""
from django.core.management.base import BaseCommand

from ipenforce.campaigns.demo import seed_demo_campaign
from ipenforce.cases.demo import seed_demo_cases
from ipenforce.command.demo import seed_demo_command
from ipenforce.core.calendar import calendar_sync_from_package
from ipenforce.credit.demo import seed_demo_credit
from ipenforce.field.demo import seed_demo_records
from ipenforce.orgs.demo import DEMO_PASSWORD, seed_demo
from ipenforce.programs.demo import seed_demo_enterprise_application, seed_demo_programs
from ipenforce.protection.demo import seed_demo_protection, seed_outside_organisations
from ipenforce.stats.demo import seed_demo_history, seed_demo_schemes
from ipenforce.supervision.demo import seed_demo_supervision


class Command(BaseCommand):
    help = "Create the Shenzhen demo agencies, users and cases (idempotent) and print the logins."

    def handle(self, *args, **options):
        calendar_sync_from_package()
        rows = seed_demo()
        created = seed_demo_cases()
        seed_demo_records()
        history = seed_demo_history()
        seed_demo_schemes()
        seed_demo_campaign()
        seed_demo_supervision()
        rows += seed_demo_command()
        seed_demo_programs()
        credit = seed_demo_credit()
        seed_demo_protection()
        rows += seed_outside_organisations()
        seed_demo_enterprise_application()
        self.stdout.write("")
        if created or history:
            self.stdout.write(f"Demo cases created: {created} (and {history} historical cases of 2017–2018)")
        if credit:
            self.stdout.write(f"Demo credit cases created: {credit} (a published penalty, a listing in progress)")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        width = max(len(r[0]) for r in rows)
        for username, agency, roles in rows:
            self.stdout.write(f"  {username.ljust(width)}  {agency}  [{roles}]")
        self.stdout.write("")
