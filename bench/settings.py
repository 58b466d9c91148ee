"""caseload's own settings, with the benchmark's URLs (the app's plus the bare view)."""

from caseload.settings import *  # noqa: F403 - the benchmark measures the real settings

ROOT_URLCONF = "bench.bare"
# django.test.Client calls itself "testserver".
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
