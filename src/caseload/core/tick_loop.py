"""`caseload tick` every minute beside the server, for the demo and single-machine
installs that have no cron job or systemd timer (`caseload serve --with-tick`).

The tick escalates unacknowledged safety alerts and raises missed follow-ups; without it
nothing escalates. It runs in a thread of the process that started the server and stops
with it. Several ticks at once are safe (the tick's own rule), so a cron job as well does
no harm.
"""

import io
import logging
import signal
import subprocess
import threading
from collections.abc import Callable, Sequence

from django.core.management import call_command
from django.db import connections
from django.utils import timezone

from caseload.core import clock

logger = logging.getLogger(__name__)

TICK_EVERY = 60.0  # seconds: what the tick's help asks of a cron job


def run_tick() -> str:
    """One `caseload tick`; its one-line report ("escalated=0 missed_follow_ups=0"). The
    command is called by name: core imports no app."""
    out = io.StringIO()
    call_command("tick", stdout=out)
    return out.getvalue().strip()


class TickLoop:
    """Calls `tick` now and then every `every` seconds until stopped; a failing tick is
    logged with its traceback and tried again next time (a loop that died quietly would
    stop escalation). Reports a tick only when it did something."""

    def __init__(
        self,
        *,
        every: float = TICK_EVERY,
        tick: Callable[[], str] = run_tick,
        report: Callable[[str], None] = print,
    ) -> None:
        self.every = every
        self.tick = tick
        self.report = report
        self.runs = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="caseload-tick", daemon=True)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Stops the loop, letting a tick under way finish (its escalations are written
        in one transaction, but a half-sent round of notices helps nobody)."""
        self._stop.set()
        self._thread.join(1.0)
        if self._thread.is_alive():
            self.report("Letting the tick under way finish...")
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._once()
            self._stop.wait(self.every)

    def _once(self) -> None:
        try:
            line = self.tick()
        except Exception:
            logger.exception("caseload tick failed; trying again in %g s", self.every)
            return
        finally:
            self.runs += 1
            # The loop thread's own database connections, closed between ticks so none
            # is left stale (or holding SQLite's lock) for the minute in between.
            connections.close_all()
        if any(not part.endswith("=0") for part in line.split()):
            self.report(f"{timezone.localtime(clock.now()):%H:%M:%S} tick: {line}")


def serve_with_tick(argv: Sequence[str], loop: TickLoop) -> int:
    """Runs the server `argv` as a child with `loop` beside it; returns the server's exit
    status once it has stopped, and the loop stops with it. Ctrl-C reaches the server
    through the terminal's process group; SIGTERM sent to this process is passed on."""
    server = subprocess.Popen(argv)  # noqa: S603 - argv is built by `caseload serve`
    previous = signal.signal(signal.SIGTERM, lambda *_: server.terminate())
    loop.start()
    try:
        while True:
            try:
                return server.wait()
            except KeyboardInterrupt:
                if server.poll() is None:
                    server.send_signal(signal.SIGINT)
    finally:
        loop.stop()
        signal.signal(signal.SIGTERM, previous)
