"""The `caseload` console script: Django's management commands under caseload's name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caseload.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["caseload", *sys.argv[1:]])


if __name__ == "__main__":
    main()
