from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from caseload.api.docs import api_table


class Command(BaseCommand):
    help = "Documentation made from the code. `caseload docs api-table` prints the API table."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("api-table", help="the README's table of API operations, in Markdown")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        self.stdout.write(api_table(), ending="")
