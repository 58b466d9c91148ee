"""`caseload serve` and `make run`: a taken port is refused before anything is done, and
the tick loop (alert escalation) runs beside the server and stops with it."""

import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from caseload.core import ports, tick_loop
from caseload.core.management.commands import serve
from caseload.core.tick_loop import TickLoop, serve_with_tick


@pytest.fixture
def taken_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_taken_port_is_named_with_what_to_do(taken_port):
    problem = ports.port_problem("127.0.0.1", taken_port, hint="for example: PORT=9 make run")
    assert problem.startswith(f"Port {taken_port} on 127.0.0.1 is already in use")
    assert problem.endswith("choose another port, for example: PORT=9 make run.")


def test_a_port_taken_on_every_address_is_taken_on_loopback_too():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("0.0.0.0", 0))  # noqa: S104 - the case being tested
        listener.listen()
        assert ports.port_problem("127.0.0.1", listener.getsockname()[1])


def test_a_free_port_has_no_problem():
    assert ports.port_problem("127.0.0.1", _free_port()) == ""


def test_make_runs_check_refuses_a_taken_port_with_the_system_python(taken_port):
    """What `make run` does first, before the virtual environment exists: the script needs
    the standard library only."""
    script = Path(ports.__file__)
    taken = subprocess.run(  # noqa: S603
        [sys.executable, "-I", str(script), "127.0.0.1", str(taken_port)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert taken.returncode == 1
    assert f"Port {taken_port} on 127.0.0.1 is already in use" in taken.stderr
    assert f"PORT={taken_port + 1} make run" in taken.stderr

    free = subprocess.run(  # noqa: S603
        [sys.executable, "-I", str(script), "127.0.0.1", str(_free_port())], check=False
    )
    assert free.returncode == 0


def test_serve_refuses_a_taken_port_before_migrating_or_serving(taken_port, monkeypatch):
    done = []
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: done.append(args))
    monkeypatch.setattr(serve.os, "execv", lambda *args: done.append(args))

    with pytest.raises(CommandError, match=f"Port {taken_port} on 127.0.0.1 is already in use"):
        call_command("serve", bind=f"127.0.0.1:{taken_port}")

    assert done == []


def test_the_tick_loop_ticks_until_stopped_and_reports_only_what_happened():
    results = iter(["escalated=0 missed_follow_ups=0", "escalated=2 missed_follow_ups=1"])
    reported = []
    loop = TickLoop(
        every=0.01,
        tick=lambda: next(results, "escalated=0 missed_follow_ups=0"),
        report=reported.append,
    )

    loop.start()
    _wait_for(lambda: loop.runs >= 3)
    loop.stop()

    assert not loop.running
    runs = loop.runs
    time.sleep(0.05)
    assert loop.runs == runs  # stopped means stopped
    assert len(reported) == 1 and reported[0].endswith("tick: escalated=2 missed_follow_ups=1")


def test_a_failing_tick_is_logged_and_the_loop_goes_on(caplog):
    calls = []

    def tick():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database locked")
        return "escalated=0 missed_follow_ups=0"

    loop = TickLoop(every=0.01, tick=tick, report=lambda line: None)
    loop.start()
    _wait_for(lambda: len(calls) >= 2)
    loop.stop()

    assert "caseload tick failed" in caplog.text and "database locked" in caplog.text


def test_serve_with_tick_starts_the_loop_and_stops_it_with_the_server():
    """The server here is a process that exits after a moment, as gunicorn does on Ctrl-C."""
    ticked = threading.Event()
    loop = TickLoop(every=0.01, tick=lambda: ticked.set() or "escalated=0", report=print)
    started = time.monotonic()

    status = serve_with_tick([sys.executable, "-c", "import time; time.sleep(0.5)"], loop)

    assert status == 0 and ticked.is_set()
    assert loop.runs >= 2 and not loop.running
    assert time.monotonic() - started < 10


def test_serve_with_tick_passes_on_the_servers_failure():
    loop = TickLoop(every=10, tick=lambda: "", report=print)
    assert serve_with_tick([sys.executable, "-c", "raise SystemExit(3)"], loop) == 3
    assert not loop.running


@pytest.mark.django_db
def test_run_tick_runs_the_tick_command():
    assert tick_loop.run_tick() == "escalated=0 missed_follow_ups=0"


def _wait_for(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)
