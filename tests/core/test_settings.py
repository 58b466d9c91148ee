"""Settings fail closed, and production settings pass Django's deployment checks."""

import os
import subprocess
import sys

PRODUCTION = {
    "CASELOAD_SECRET_KEY": "x" * 60 + "production-like-secret-key-for-the-check",
    "CASELOAD_KEYS": "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    "CASELOAD_AUDIT_KEY": "production-like-audit-key",
    "CASELOAD_ALLOWED_HOSTS": "caseload.example.org",
}
STRIPPED = ("CASELOAD_", "DJANGO_SETTINGS_MODULE")


def run_caseload(args, extra_env, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(STRIPPED)}
    env.update({"CASELOAD_VAR_DIR": str(tmp_path)}, **extra_env)
    return subprocess.run(
        [sys.executable, "-m", "caseload.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = run_caseload(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_a_secret_key_outside_the_demo_nothing_starts(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "CASELOAD_SECRET_KEY"}
    result = run_caseload(["check"], env, tmp_path)
    assert result.returncode != 0
    assert "CASELOAD_SECRET_KEY must be set" in result.stderr


def test_a_malformed_boolean_is_refused_loudly(tmp_path):
    result = run_caseload(["check"], {**PRODUCTION, "CASELOAD_REQUIRE_2FA": "maybe"}, tmp_path)
    assert result.returncode != 0
    assert "CASELOAD_REQUIRE_2FA must be 1 or 0" in result.stderr


def test_production_defaults_are_safe():
    """Read the module as configured (the test fixtures override some values)."""
    code = (
        "import caseload.settings as s; "
        "print(s.DEBUG, s.CASELOAD_REQUIRE_2FA, s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS > 0, s.X_FRAME_OPTIONS)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(STRIPPED)}
    env.update(PRODUCTION)
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "DENY"]


def test_clinical_pages_are_never_cached(client_record, clinician, as_user):
    from django.urls import reverse

    response = as_user(clinician).get(reverse("clients:perspective", args=[client_record.pk]))
    assert "no-store" in response["Cache-Control"]
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
