"""A real caseload server and a real Chromium for the browser tests.

pytest-django's live_server flushes the database between tests, which the audit table's
append-only triggers refuse. So the session starts the demo practice the way `make run`
does (migrate, `caseload demo`, `caseload serve` with gunicorn) in a subprocess, on a
fresh var dir and its own database, and the tests reach it only through the browser.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = os.environ.get("CASELOAD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CLI = Path(sys.executable).with_name("caseload")
STARTUP_SECONDS = 90


@dataclass(frozen=True)
class DemoServer:
    base_url: str
    passwords: dict[str, str]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://", "pgsql://"))


def _postgres_admin(url: str, statements: list[str], name: str) -> None:
    """Runs DATABASE statements on `name` from the `postgres` maintenance database."""
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"] or "localhost",
        port=config["PORT"] or 5432,
        autocommit=True,
    ) as connection:
        for statement in statements:
            connection.execute(sql.SQL(statement).format(sql.Identifier(name)))


def _e2e_database_url(test_url: str) -> str:
    """A fresh `<name>_e2e` database beside the test run's own, as a DATABASE_URL."""
    name = f"{dj_database_url.parse(test_url)['NAME']}_e2e"
    _postgres_admin(test_url, ["DROP DATABASE IF EXISTS {}", "CREATE DATABASE {}"], name)
    return urlsplit(test_url)._replace(path=f"/{name}").geturl()


def _server_environment(var_dir: Path) -> dict[str, str]:
    # Like `make run`: only the demo switch and the places to keep data, so the server's
    # secrets, static files and 2FA default are the demo's own, not the test run's.
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("CASELOAD_")
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment.update(CASELOAD_DEMO="1", CASELOAD_VAR_DIR=str(var_dir))
    test_url = os.environ.get("DATABASE_URL", "")
    if _is_postgres(test_url):
        environment["DATABASE_URL"] = _e2e_database_url(test_url)
    else:
        environment["DATABASE_URL"] = f"sqlite:///{var_dir / 'caseload.sqlite3'}"
    return environment


def _run(args: list[str], environment: dict[str, str], log: Path) -> None:
    with log.open("a") as output:
        result = subprocess.run(
            [str(CLI), *args], env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    if result.returncode != 0:
        pytest.fail(f"`caseload {' '.join(args)}` failed:\n{log.read_text()[-4000:]}")


def _wait_until_healthy(server: DemoServer, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The e2e server exited early:\n{server.output()}")
        try:
            with urllib.request.urlopen(f"{server.base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(
        f"The e2e server did not answer /healthz within {STARTUP_SECONDS}s:\n{server.output()}"
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    # gunicorn's master stops its workers on SIGTERM; the group kill is the fallback.
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def demo_server() -> Iterator[DemoServer]:
    var_dir = Path(tempfile.mkdtemp(prefix="caseload-e2e-"))
    log = var_dir / "server.log"
    environment = _server_environment(var_dir)
    _run(["migrate", "--verbosity", "0"], environment, log)
    _run(["demo"], environment, log)
    credentials = (var_dir / "demo-credentials.txt").read_text()
    passwords = dict(line.split(" ", 1) for line in credentials.splitlines() if line.strip())
    port = _free_port()
    server = DemoServer(base_url=f"http://127.0.0.1:{port}", passwords=passwords, log=log)
    with log.open("a") as output:
        process = subprocess.Popen(
            [str(CLI), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_healthy(server, process)
        yield server
    finally:
        _stop(process)
        if _is_postgres(environment["DATABASE_URL"]):
            name = dj_database_url.parse(environment["DATABASE_URL"])["NAME"]
            _postgres_admin(environment["DATABASE_URL"], ["DROP DATABASE {} WITH (FORCE)"], name)
        shutil.rmtree(var_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"No Chromium at {CHROMIUM}: `apt-get install chromium`, set CASELOAD_CHROMIUM, "
            "or run `make test-fast` to leave the browser tests out."
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser: Browser, demo_server: DemoServer) -> Iterator:
    """new_context(**options) -> a fresh browser context (own cookies) on the server."""
    contexts: list[BrowserContext] = []

    def make(**options) -> BrowserContext:
        context = browser.new_context(base_url=demo_server.base_url, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context) -> Page:
    return new_context().new_page()


@pytest.fixture
def sign_in(demo_server: DemoServer):
    """sign_in(page, username): signs in with the demo password, lands on the home page
    and, with `then` (by default the caseload, where most tests start), goes on there."""

    def login(page: Page, username: str, then: str | None = "/clients/") -> Page:
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(demo_server.passwords[username])
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{demo_server.base_url}/")
        if then:
            page.goto(then)
        return page

    return login


@pytest.fixture
def screenshot():
    """screenshot(page, name): a full-page PNG in $CASELOAD_E2E_SCREENSHOTS, when set, for
    a person to look at the layout; nothing otherwise."""
    folder = os.environ.get("CASELOAD_E2E_SCREENSHOTS")

    def take(page: Page, name: str) -> None:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def caseload_links():
    """caseload_links(page) -> the client record links on the caseload page, in order."""

    def links(page: Page) -> list[str]:
        page.goto("/clients/")
        return page.locator("table tbody td a").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )

    return links
