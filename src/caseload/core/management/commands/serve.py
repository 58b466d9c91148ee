import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Apply migrations, collect static files and serve with gunicorn."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default="",
            help="host:port (default 127.0.0.1:$PORT, PORT defaulting to 8000)",
        )
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("CASELOAD_WORKERS", "2"))
        )

    def handle(self, *args, bind, workers, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        bind = bind or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
        self.stdout.write(f"caseload is serving at http://{bind}/  (Ctrl-C stops it)")
        sys.stdout.flush()
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "caseload.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--forwarded-allow-ips",
            os.environ.get("CASELOAD_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        if settings.DEBUG:
            argv.append("--reload")
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with gunicorn
