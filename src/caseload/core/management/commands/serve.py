import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from caseload.core.ports import port_problem
from caseload.core.tick_loop import TICK_EVERY, TickLoop, serve_with_tick


class Command(BaseCommand):
    help = (
        "Check the port is free, apply migrations, collect static files and serve with "
        "gunicorn; with --with-tick, also run `caseload tick` every minute until the "
        "server stops."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default="",
            help="host:port (default 127.0.0.1:$PORT, PORT defaulting to 8000)",
        )
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("CASELOAD_WORKERS", "2"))
        )
        parser.add_argument(
            "--with-tick",
            action="store_true",
            help="run `caseload tick` in the background while serving (no cron job needed)",
        )
        parser.add_argument(
            "--tick-every", type=float, default=TICK_EVERY, help="seconds between ticks"
        )

    def handle(self, *args, bind, workers, with_tick, tick_every, **options):
        bind = bind or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
        self._check_port(bind)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        argv = self._gunicorn(bind, workers)
        if not with_tick:
            self._say(f"caseload is serving at http://{bind}/  (Ctrl-C stops it)")
            os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with gunicorn
        self._say(
            f"caseload is serving at http://{bind}/ and escalating alerts every "
            f"{tick_every:g} s (caseload tick)  (Ctrl-C stops both)"
        )
        status = serve_with_tick(argv, TickLoop(every=tick_every, report=self._say))
        if status:
            raise CommandError(f"The server stopped with status {status}.", returncode=status)

    def _check_port(self, bind: str) -> None:
        host, _, port = bind.rpartition(":")
        if not port.isdigit():
            return  # a unix socket or a name gunicorn resolves: gunicorn reports its own errors
        hint = "with PORT=N or --bind HOST:PORT"
        problem = port_problem(host.strip("[]") or "0.0.0.0", int(port), hint=hint)  # noqa: S104
        if problem:
            raise CommandError(problem)

    def _gunicorn(self, bind: str, workers: int) -> list[str]:
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
        return argv

    def _say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
