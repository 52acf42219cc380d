"""Print the API's OpenAPI schema as stable, sorted JSON (committed as docs/openapi.json)."""
import json

from django.core.management.base import BaseCommand


def schema_json() -> str:
    from config.api import api

    return json.dumps(api.get_openapi_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "Write the OpenAPI schema of /api/v1/ to standard output."

    def handle(self, *args, **options):
        self.stdout.write(schema_json(), ending="")
