"""The admin's staff pages under /staff/: the permission ladder, account changes that ask
for the admin's own password, and no clinical content anywhere on them (H-009)."""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from caseload.accounts.models import ApiToken, Role, Supervision, User
from caseload.accounts.services import api_token_create, api_token_user, supervision_add
from caseload.audit.models import AuditEvent
from factories import PASSWORD, make_user

from .auth_helpers import LOGIN_URL, enrol

NEW_PASSWORD = "lantern orchard velvet 19"


def staff_urls(member: User) -> list[tuple[str, str]]:
    """Every staff page with the method it answers, for the permission ladder."""
    token, _ = api_token_create(acting_user=None, user=member)
    link = Supervision.objects.filter(supervisee=member).first()
    pk = member.pk
    urls = [
        ("get", reverse("staff:list")),
        ("get", reverse("staff:new")),
        ("get", reverse("staff:detail", args=[pk])),
        ("post", reverse("staff:role", args=[pk])),
        ("post", reverse("staff:active", args=[pk])),
        ("post", reverse("staff:password", args=[pk])),
        ("post", reverse("staff:two_factor_reset", args=[pk])),
        ("post", reverse("staff:supervision_add", args=[pk])),
        ("post", reverse("staff:token_revoke", args=[pk, token.pk])),
    ]
    if link is not None:
        urls.append(("post", reverse("staff:supervision_remove", args=[pk, link.pk])))
    return urls


@pytest.mark.parametrize(
    "persona", ["clinician", "supervisor", "intake", "privacy_officer", "outsider"]
)
def test_every_role_but_admin_is_refused(db, request, as_user, persona, clinician):
    """Hazard: a non-admin promotes themselves or deactivates a colleague."""
    user = request.getfixturevalue(persona)
    http = as_user(user)
    role_before = clinician.role

    for method, url in staff_urls(clinician):
        data = {
            "role": Role.ADMIN,
            "your_password": PASSWORD,
            "active": "0",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        }
        response = getattr(http, method)(url, data) if method == "post" else http.get(url)
        assert response.status_code == 403, url

    clinician.refresh_from_db()
    assert (clinician.role, clinician.is_active) == (role_before, True)
    assert clinician.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action__startswith="staff.").exists()


def test_anonymous_is_sent_to_sign_in(db, clinician):
    http = HttpClient()
    for method, url in staff_urls(clinician):
        response = getattr(http, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(LOGIN_URL)


def test_admin_reaches_the_staff_pages(db, admin, clinician, as_user):
    http = as_user(admin)
    for url in (
        reverse("staff:list"),
        reverse("staff:new"),
        reverse("staff:detail", args=[clinician.pk]),
    ):
        assert http.get(url).status_code == 200, url


def test_staff_list_queries_do_not_grow_with_the_staff(db, admin, supervisor, as_user):
    http = as_user(admin)
    http.get(reverse("staff:list"))  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        http.get(reverse("staff:list"))
    for number in range(10):
        supervisee = make_user(f"extra{number}", Role.CLINICIAN)
        Supervision.objects.create(supervisor=supervisor, supervisee=supervisee)
    with CaptureQueriesContext(connection) as many:
        page = http.get(reverse("staff:list")).content.decode()
    assert "extra9" in page
    assert len(many) == len(few)


def test_staff_detail_of_nobody_is_404(db, admin, as_user):
    assert as_user(admin).get(reverse("staff:detail", args=[999_999])).status_code == 404


def test_admin_creates_a_staff_member(db, admin, as_user):
    response = as_user(admin).post(
        reverse("staff:new"),
        {
            "username": "newhire",
            "first_name": "Nia",
            "last_name": "Hire",
            "email": "nia@example.org",
            "role": Role.INTAKE,
            "password": NEW_PASSWORD,
        },
    )

    user = User.objects.get(username="newhire")
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:detail", args=[user.pk])
    assert (user.role, user.get_full_name()) == (Role.INTAKE, "Nia Hire")
    assert user.check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(action="staff.create")
    assert (event.actor_id, event.object_id) == (admin.pk, str(user.pk))
    assert event.detail == {"username": "newhire", "role": Role.INTAKE}


def test_staff_create_with_a_short_password_shows_the_rule(db, admin, as_user):
    response = as_user(admin).post(
        reverse("staff:new"),
        {
            "username": "newhire",
            "first_name": "Nia",
            "last_name": "Hire",
            "role": Role.INTAKE,
            "password": "short1!",
        },
    )
    assert response.status_code == 400
    assert "at least 12 characters" in response.content.decode()
    assert not User.objects.filter(username="newhire").exists()


def role_change(http, member, role, password):
    return http.post(
        reverse("staff:role", args=[member.pk]),
        {"role": role, "your_password": password},
        follow=True,
    )


def test_role_change_with_the_wrong_password_changes_nothing(db, admin, clinician, as_user):
    """Hazard: an unattended admin session used to hand out roles."""
    response = role_change(as_user(admin), clinician, Role.SUPERVISOR, "not my password 1")

    clinician.refresh_from_db()
    assert clinician.role == Role.CLINICIAN
    assert "That is not your password." in response.content.decode()
    assert not AuditEvent.objects.filter(action="staff.role_change").exists()


def test_role_change_with_the_admins_password_is_made_and_audited(db, admin, clinician, as_user):
    response = role_change(as_user(admin), clinician, Role.SUPERVISOR, PASSWORD)

    clinician.refresh_from_db()
    assert clinician.role == Role.SUPERVISOR
    assert "Role changed." in response.content.decode()
    event = AuditEvent.objects.get(action="staff.role_change")
    assert event.actor_id == admin.pk
    assert event.detail == {"from": Role.CLINICIAN, "to": Role.SUPERVISOR}


def test_an_admin_cannot_remove_their_own_admin_role(db, admin, as_user):
    """Hazard: the practice is left with nobody able to manage accounts."""
    response = role_change(as_user(admin), admin, Role.CLINICIAN, PASSWORD)

    admin.refresh_from_db()
    assert admin.role == Role.ADMIN
    assert "You cannot remove your own administrator role." in response.content.decode()
    assert not AuditEvent.objects.filter(action="staff.role_change").exists()


def test_a_supervisor_with_supervisees_keeps_the_role(db, admin, supervisor, as_user):
    response = role_change(as_user(admin), supervisor, Role.CLINICIAN, PASSWORD)
    supervisor.refresh_from_db()
    assert supervisor.role == Role.SUPERVISOR
    assert "End this person" in response.content.decode()


def test_deactivation_needs_the_password_and_revokes_api_tokens(db, admin, clinician, as_user):
    """Hazard: a departed staff member's API token keeps reading client data."""
    _, secret = api_token_create(acting_user=admin, user=clinician)
    http = as_user(admin)
    url = reverse("staff:active", args=[clinician.pk])

    http.post(url, {"active": "0", "your_password": "not my password 1"})
    clinician.refresh_from_db()
    assert clinician.is_active
    assert api_token_user(secret) == clinician

    http.post(url, {"active": "0", "your_password": PASSWORD})
    clinician.refresh_from_db()
    assert not clinician.is_active
    assert api_token_user(secret) is None
    assert not ApiToken.objects.filter(user=clinician, revoked_at__isnull=True).exists()
    assert AuditEvent.objects.get(action="staff.deactivate").actor_id == admin.pk


def test_a_deactivated_user_can_no_longer_sign_in(db, admin, clinician, as_user):
    session = as_user(clinician)
    as_user(admin).post(
        reverse("staff:active", args=[clinician.pk]), {"active": "0", "your_password": PASSWORD}
    )

    assert session.get(reverse("clients:caseload"))["Location"].startswith(LOGIN_URL)
    fresh = HttpClient()
    fresh.post(LOGIN_URL, {"username": clinician.username, "password": PASSWORD})
    assert "_auth_user_id" not in fresh.session


def test_an_admin_cannot_deactivate_themselves(db, admin, as_user):
    as_user(admin).post(
        reverse("staff:active", args=[admin.pk]), {"active": "0", "your_password": PASSWORD}
    )
    admin.refresh_from_db()
    assert admin.is_active


def test_supervision_add_refuses_a_non_supervisor(db, admin, clinician, colleague, as_user):
    response = as_user(admin).post(
        reverse("staff:supervision_add", args=[clinician.pk]),
        {"supervisor": colleague.pk},
        follow=True,
    )
    assert not Supervision.objects.exists()
    assert "Select a valid choice" in response.content.decode()
    assert "Supervision added." not in response.content.decode()
    assert not AuditEvent.objects.filter(action="supervision.add").exists()
    with pytest.raises(ValidationError, match="does not have the supervisor role"):
        supervision_add(acting_user=admin, supervisor=colleague, supervisee=clinician)


def test_supervision_add_links_a_supervisor(db, admin, clinician, other_supervisor, as_user):
    as_user(admin).post(
        reverse("staff:supervision_add", args=[clinician.pk]), {"supervisor": other_supervisor.pk}
    )
    assert Supervision.objects.filter(supervisor=other_supervisor, supervisee=clinician).exists()
    assert AuditEvent.objects.get(action="supervision.add").actor_id == admin.pk


def test_two_factor_reset_needs_the_password(db, admin, clinician, as_user):
    enrol(clinician)
    http = as_user(admin)
    url = reverse("staff:two_factor_reset", args=[clinician.pk])

    http.post(url, {"your_password": "not my password 1"})
    assert clinician.totpdevice_set.exists()

    http.post(url, {"your_password": PASSWORD})
    assert not clinician.totpdevice_set.exists()
    assert not clinician.staticdevice_set.exists()
    assert AuditEvent.objects.get(action="staff.two_factor_reset").actor_id == admin.pk


def test_staff_pages_show_no_clinical_content(db, admin, clinician, client_record, as_user):
    """Hazard H-009: the administrator sees a client's clinical story through staff pages."""
    http = as_user(admin)
    secrets = [
        "I cannot sleep since the accident",
        "Lost a brother to suicide",
        client_record.legal_name,
    ]
    for url in (reverse("staff:list"), reverse("staff:detail", args=[clinician.pk])):
        page = http.get(url).content.decode()
        assert clinician.username in page  # the page really is about this clinician
        for text in secrets:
            assert text not in page, (url, text)


def set_password(http, member, new=NEW_PASSWORD, *, again=None, your_password=PASSWORD):
    return http.post(
        reverse("staff:password", args=[member.pk]),
        {"new_password1": new, "new_password2": again or new, "your_password": your_password},
        follow=True,
    )


def test_admin_sets_a_forgotten_password_and_the_old_sessions_end(db, admin, clinician, as_user):
    """Hazard: whoever holds a session opened with the old password keeps using it after
    the administrator has replaced that password."""
    old_session = as_user(clinician)
    assert old_session.get(reverse("clients:caseload")).status_code == 200
    http = as_user(admin)

    response = set_password(http, clinician)

    assert response.redirect_chain == [(reverse("staff:detail", args=[clinician.pk]), 302)]
    assert "Password set." in response.content.decode()
    clinician.refresh_from_db()
    assert clinician.check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(action="staff.password_set")
    assert (event.actor_id, event.object_id) == (admin.pk, str(clinician.pk))
    assert NEW_PASSWORD not in str(event.detail)
    signed_out = old_session.get(reverse("clients:caseload"))
    assert signed_out.status_code == 302
    assert signed_out["Location"].startswith(LOGIN_URL)
    assert SESSION_KEY not in old_session.session
    fresh = HttpClient()
    fresh.post(LOGIN_URL, {"username": clinician.username, "password": NEW_PASSWORD})
    assert fresh.session[SESSION_KEY] == str(clinician.pk)
    assert http.get(reverse("staff:list")).status_code == 200  # the admin is still in


def test_setting_a_password_needs_the_admins_own_password(db, admin, clinician, as_user):
    """Hazard: an unattended admin session used to take over a colleague's account."""
    old_session = as_user(clinician)

    response = set_password(as_user(admin), clinician, your_password="not my password 1")

    assert "That is not your password." in response.content.decode()
    assert "Password set." not in response.content.decode()
    clinician.refresh_from_db()
    assert clinician.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action="staff.password_set").exists()
    assert old_session.get(reverse("clients:caseload")).status_code == 200


@pytest.mark.parametrize(
    ("new", "again", "message"),
    [
        ("Tr1cky!pw", None, "at least 12 characters"),
        # Checked against the staff member's details, not the admin's.
        ("treating12345", None, "too similar to the username"),
        (NEW_PASSWORD, "lantern orchard velvet 91", "didn’t match"),
    ],
)
def test_a_password_that_breaks_the_rules_is_refused_with_the_reason(
    db, admin, clinician, as_user, new, again, message
):
    response = set_password(as_user(admin), clinician, new, again=again)

    page = response.content.decode()
    assert message in page
    assert "Password set." not in page
    clinician.refresh_from_db()
    assert clinician.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action="staff.password_set").exists()


def test_an_admin_setting_their_own_password_here_stays_signed_in(db, admin, as_user):
    http = as_user(admin)

    response = set_password(http, admin)

    assert "Password set." in response.content.decode()
    admin.refresh_from_db()
    assert admin.check_password(NEW_PASSWORD)
    assert http.get(reverse("staff:list")).status_code == 200


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.label_targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "label" and "for" in attributes:
            self.label_targets.append(attributes["for"])


def test_every_id_on_the_staff_page_is_unique(db, admin, clinician, supervisor, as_user):
    """Duplicate ids (several "your password" fields) make a label announce, and a click
    focus, the wrong field for screen-reader and keyboard users."""
    api_token_create(acting_user=None, user=clinician)
    page = as_user(admin).get(reverse("staff:detail", args=[clinician.pk]))
    parser = _Ids()
    parser.feed(page.content.decode())

    duplicates = [name for name, count in Counter(parser.ids).items() if count > 1]
    assert duplicates == []
    assert len(parser.label_targets) >= 10  # profile, role, password, access and supervision
    assert set(parser.label_targets) <= set(parser.ids)
    assert page.content.decode().count('name="your_password"') == 4
