"""Packets: what leaves caseload about a client, as a FHIR R4 Bundle and a readable PDF.

One path builds both: the Bundle is made from the record, and the PDF is printed from
the Bundle, so the two always say the same thing. A disclosure packet holds only the
categories asked for; the client's own copy holds the whole record. Psychotherapy notes
never enter either (H-043: they start from `Note.objects.record_notes()`).

What each category draws on, today: attendance from appointments; measure results from
measures; the treatment plan from plans (`plans.document.plan_sections`); session notes
from notes (signed record notes only). caseload keeps no diagnoses yet, so that category
adds nothing and says so.
"""

import base64
import io
import json
from collections.abc import Callable
from xml.sax.saxutils import escape

from django.apps import apps
from django.utils.translation import gettext as _
from fhir.resources.R4B.bundle import Bundle
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from caseload.clients.models import Attendance, Client
from caseload.core import clock
from caseload.privacy.models import Category

CAPTION_SYSTEM = "urn:caseload:section"
ENCOUNTER_STATUS = {
    Attendance.SCHEDULED: "planned",
    Attendance.ATTENDED: "finished",
    Attendance.LATE_CANCELLATION: "cancelled",
    Attendance.NO_SHOW: "cancelled",
    Attendance.CANCELLED_BY_CLIENT: "cancelled",
    Attendance.CANCELLED_BY_CLINICIAN: "cancelled",
}


def _patient_ref(client: Client) -> dict:
    return {"reference": f"Patient/client-{client.pk}", "display": client.legal_name}


def _tag(section: str) -> dict:
    """Every resource says which section of the packet it belongs to."""
    return {"tag": [{"system": CAPTION_SYSTEM, "code": section}]}


def _patient(client: Client, *, full: bool) -> dict:
    resource = {
        "resourceType": "Patient",
        "id": f"client-{client.pk}",
        "meta": _tag("patient"),
        "name": [{"text": client.legal_name}],
        "birthDate": client.date_of_birth.isoformat(),
    }
    if full:
        telecom = [{"system": "phone", "value": client.phone}] if client.phone else []
        telecom += [{"system": "email", "value": client.email}] if client.email else []
        if telecom:
            resource["telecom"] = telecom
        if client.address:
            resource["address"] = [{"text": client.address}]
    return resource


def _attendance(client: Client) -> list[dict]:
    return [
        {
            "resourceType": "Encounter",
            "id": f"appointment-{appointment.pk}",
            "meta": _tag(Category.ATTENDANCE),
            "status": ENCOUNTER_STATUS.get(appointment.attendance, "unknown"),
            "class": {
                "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                "code": "VR" if appointment.kind == "telehealth" else "AMB",
            },
            "type": [
                {
                    "text": f"{appointment.get_kind_display()}: "
                    f"{appointment.get_attendance_display()}"
                }
            ],
            "subject": _patient_ref(client),
            "period": {"start": appointment.starts_at.isoformat()},
        }
        for appointment in client.appointments.order_by("starts_at", "id")
    ]


def _measures(client: Client) -> list[dict]:
    if not apps.is_installed("caseload.measures"):
        return []
    from caseload.measures.models import MeasureResponse

    resources = []
    for response in MeasureResponse.objects.filter(client=client).order_by("completed_at"):
        resource = {
            "resourceType": "Observation",
            "id": f"measure-{response.pk}",
            "meta": _tag(Category.MEASURES),
            "status": "final",
            "code": {"text": response.instrument},
            "subject": _patient_ref(client),
            "effectiveDateTime": response.completed_at.isoformat(),
        }
        if response.total is not None:
            resource["valueQuantity"] = {"value": response.total, "unit": "score"}
        if response.band_label:
            resource["interpretation"] = [{"text": response.band_label}]
        resources.append(resource)
    return resources


def _treatment_plans(client: Client) -> list[dict]:
    from caseload.plans.document import plan_sections
    from caseload.plans.models import TreatmentPlan

    resources = []
    for plan in TreatmentPlan.objects.filter(client=client).order_by("pk"):
        sections = plan_sections(plan, plan.goals.all())
        text = "\n\n".join(f"{s.heading}\n{s.body}".strip() for s in sections)
        resources.append(
            {
                "resourceType": "CarePlan",
                "id": f"plan-{plan.pk}",
                "meta": _tag(Category.TREATMENT_PLAN),
                "status": "active",
                "intent": "plan",
                "title": str(_("Treatment plan")),
                "description": text,
                "subject": _patient_ref(client),
            }
        )
    return resources


def _session_notes(client: Client) -> list[dict]:
    from caseload.notes.models import Note

    # record_notes() leaves psychotherapy notes out; only signed notes are the record.
    notes = Note.objects.record_notes().filter(client=client, signed_at__isnull=False)
    return [
        {
            "resourceType": "DocumentReference",
            "id": f"note-{note.pk}",
            "meta": _tag(Category.SESSION_NOTES),
            "status": "current",
            "description": f"{note.title}, {note.occurred_at:%Y-%m-%d}",
            "subject": _patient_ref(client),
            "date": note.signed_at.isoformat(),
            "content": [
                {
                    "attachment": {
                        "contentType": "text/plain; charset=utf-8",
                        "data": base64.b64encode(note.plain_text().encode()).decode(),
                        "title": note.title,
                    }
                }
            ],
        }
        for note in notes.order_by("occurred_at", "id")
    ]


def _diagnoses(client: Client) -> list[dict]:
    # caseload keeps no diagnosis list yet; the packet's cover says the category is empty.
    return []


def _optional(app: str, build: Callable[[Client], list[dict]]) -> Callable[[Client], list]:
    def collect(client: Client) -> list[dict]:
        return build(client) if apps.is_installed(app) else []

    return collect


COLLECTORS: dict[str, Callable[[Client], list[dict]]] = {
    Category.ATTENDANCE: _attendance,
    Category.DIAGNOSES: _diagnoses,
    Category.MEASURES: _measures,
    Category.TREATMENT_PLAN: _optional("caseload.plans", _treatment_plans),
    Category.SESSION_NOTES: _optional("caseload.notes", _session_notes),
    # Psychotherapy notes have no collector on purpose: no packet or export holds them.
}


def _bundle(resources: list[dict], *, title: str) -> str:
    bundle = Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "type": "collection",
            "timestamp": clock.now().isoformat(),
            "meta": {"tag": [{"system": CAPTION_SYSTEM, "code": "title", "display": title}]},
            "entry": [
                {"fullUrl": f"urn:caseload:{r['resourceType']}/{r['id']}", "resource": r}
                for r in resources
            ],
        }
    )
    return bundle.model_dump_json(exclude_none=True)


def disclosure_bundle_json(*, client: Client, categories: list[str], recipient: str) -> str:
    """The disclosure packet: the patient's identity and only `categories`."""
    resources = [_patient(client, full=False)]
    for category in categories:
        collector = COLLECTORS.get(category)
        if collector is not None:
            resources += collector(client)
    title = _("Information disclosed to %(recipient)s") % {"recipient": recipient}
    return _bundle(resources, title=title)


# --- the client's own copy -----------------------------------------------------------


def _perspective_and_communication(client: Client) -> list[dict]:
    rows = []
    for owner, prefix in (("perspective", "perspective"), ("communication", "communication")):
        record = getattr(client, owner, None) if hasattr(client, owner) else None
        if record is None:
            continue
        for field in record._meta.concrete_fields:
            value = getattr(record, field.attname)
            if field.attname in {"id", "client_id", "row_key", "updated_at", "updated_by_id"}:
                continue
            if value in ("", None, False):
                continue
            display = getattr(record, f"get_{field.attname}_display", lambda v=value: v)()
            rows.append(
                {
                    "resourceType": "Observation",
                    "id": f"{prefix}-{field.attname.replace('_', '-')}",
                    "meta": _tag(prefix),
                    "status": "final",
                    "code": {"text": str(field.verbose_name)},
                    "subject": _patient_ref(client),
                    "valueString": "yes" if display is True else str(display),
                }
            )
    return rows


def _episodes(client: Client) -> list[dict]:
    resources = []
    for episode in client.episodes.order_by("started_on"):
        period = {"start": episode.started_on.isoformat()}
        if episode.ended_on:
            period["end"] = episode.ended_on.isoformat()
        resources.append(
            {
                "resourceType": "EpisodeOfCare",
                "id": f"episode-{episode.pk}",
                "meta": _tag("episodes"),
                "status": "active" if episode.is_open else "finished",
                "patient": _patient_ref(client),
                "period": period,
                "type": [{"text": episode.reason or str(_("Episode of care"))}],
            }
        )
    return resources


def _consents(client: Client) -> list[dict]:
    resources = []
    for consent in client.consents.select_related("template").order_by("requested_at"):
        resources.append(
            _consent_resource(
                client,
                rid=f"consent-{consent.pk}",
                section="consents",
                status="active" if consent.state == "given" else "inactive",
                when=consent.signed_at or consent.requested_at,
                text=f"{consent.template.title} (v{consent.template.version}): "
                f"{consent.state_label}",
            )
        )
    for release in client.releases.order_by("created_at"):
        resources.append(
            _consent_resource(
                client,
                rid=f"release-{release.pk}",
                section="releases",
                status="active" if release.state == "valid" else "inactive",
                when=release.signed_at or release.created_at,
                text=f"{release.recipient}: {', '.join(release.category_labels())}; "
                f"{release.purpose}; {release.state_label}",
            )
        )
    return resources


def _consent_resource(client, *, rid, section, status, when, text) -> dict:
    return {
        "resourceType": "Consent",
        "id": rid,
        "meta": _tag(section),
        "status": status,
        "scope": {"text": text},
        "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
        "patient": _patient_ref(client),
        "dateTime": when.isoformat(),
        "policyRule": {"text": section},
    }


def _audit_resource(client, *, rid, section, when, who, what, why) -> dict:
    return {
        "resourceType": "AuditEvent",
        "id": rid,
        "meta": _tag(section),
        "type": {"system": "urn:caseload:audit", "code": "access", "display": what},
        "recorded": when.isoformat(),
        "agent": [{"who": {"display": who}, "requestor": True}],
        "source": {"observer": {"display": "caseload"}},
        "purposeOfEvent": [{"text": why or "-"}],
        "entity": [{"what": _patient_ref(client)}],
    }


def _disclosures(client: Client) -> list[dict]:
    return [
        _audit_resource(
            client,
            rid=f"disclosure-{disclosure.pk}",
            section="disclosures",
            when=disclosure.disclosed_at,
            who=disclosure.recipient,
            what=", ".join(disclosure.category_labels()),
            why=f"{disclosure.purpose} ({disclosure.basis_label})",
        )
        for disclosure in client.disclosures.select_related("release").order_by("disclosed_at")
    ]


def access_report(client: Client):
    """Who looked at the client's record, when and why, from the audit trail: staff
    reads and writes of the record (the client's own link visits are left out)."""
    from caseload.audit.models import AuditEvent

    return (
        AuditEvent.objects.filter(client_id=client.pk, actor__isnull=False)
        .select_related("actor")
        .order_by("seq")
    )


def _access_events(client: Client) -> list[dict]:
    return [
        _audit_resource(
            client,
            rid=f"access-{event.seq}",
            section="access",
            when=event.at,
            who=str(event.actor) or event.actor_username,
            what=event.action,
            why=event.purpose,
        )
        for event in access_report(client)
    ]


def own_copy_bundle_json(client: Client) -> str:
    """The client's whole record (psychotherapy notes excluded) with their consents,
    releases, the accounting of disclosures and the access report."""
    resources = [_patient(client, full=True)]
    resources += _perspective_and_communication(client) + _episodes(client)
    for category in Category:
        collector = COLLECTORS.get(category)
        if collector is not None:
            resources += collector(client)
    resources += _consents(client) + _disclosures(client) + _access_events(client)
    return _bundle(resources, title=str(_("Your record, %(name)s") % {"name": client.legal_name}))


# --- printing ------------------------------------------------------------------------

SECTION_TITLES = {
    "patient": _("Person"),
    "perspective": _("In your own words"),
    "communication": _("Communication"),
    "episodes": _("Episodes of care"),
    Category.ATTENDANCE: _("Attendance"),
    Category.DIAGNOSES: _("Diagnoses"),
    Category.MEASURES: _("Measure results"),
    Category.TREATMENT_PLAN: _("Treatment plan"),
    Category.SESSION_NOTES: _("Session notes"),
    "consents": _("Consents"),
    "releases": _("Releases of information"),
    "disclosures": _("Accounting of disclosures"),
    "access": _("Who looked at the record"),
}


def _line(resource: dict) -> str:
    kind = resource["resourceType"]
    if kind == "Patient":
        return f"{resource['name'][0]['text']}, born {resource['birthDate']}"
    if kind == "Encounter":
        return f"{resource['period']['start'][:16]} {resource['type'][0]['text']}"
    if kind == "Observation":
        value = resource.get("valueString") or resource.get("valueQuantity", {}).get("value")
        band = resource.get("interpretation", [{}])[0].get("text", "")
        when = resource.get("effectiveDateTime", "")[:10]
        return " ".join(str(p) for p in (when, resource["code"]["text"], value, band) if p)
    if kind == "EpisodeOfCare":
        period = resource["period"]
        return f"{period['start']} to {period.get('end', 'now')}: {resource['type'][0]['text']}"
    if kind == "CarePlan":
        return resource.get("description", "")
    if kind == "DocumentReference":
        text = base64.b64decode(resource["content"][0]["attachment"]["data"]).decode()
        return f"{resource['description']}\n{text}"
    if kind == "Consent":
        return f"{resource['dateTime'][:10]} {resource['scope']['text']}"
    if kind == "AuditEvent":
        return (
            f"{resource['recorded'][:16]} {resource['agent'][0]['who']['display']}: "
            f"{resource['type']['display']} ({resource['purposeOfEvent'][0]['text']})"
        )
    return kind


def sections_of(bundle_json: str) -> list[tuple[str, list[str]]]:
    """[(section title, [readable lines])] in the Bundle's order."""
    bundle = json.loads(bundle_json)
    sections: dict[str, list[str]] = {}
    for entry in bundle.get("entry", []):
        resource = entry["resource"]
        section = resource["meta"]["tag"][0]["code"]
        sections.setdefault(str(SECTION_TITLES.get(section, section)), []).append(_line(resource))
    return list(sections.items())


def pdf_of(bundle_json: str, *, title: str, preface: list[str] | None = None) -> bytes:
    """A plain, readable PDF of a packet: a title, a preface, then each section."""
    styles = getSampleStyleSheet()
    story = [Paragraph(escape(title), styles["Title"])]
    for line in preface or []:
        story.append(Paragraph(escape(line), styles["Normal"]))
    for heading, lines in sections_of(bundle_json):
        story += [Spacer(1, 4 * mm), Paragraph(escape(heading), styles["Heading2"])]
        for line in lines:
            html = "<br/>".join(escape(part) for part in line.split("\n"))
            story.append(Paragraph(html, styles["BodyText"]))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=title, author="caseload")
    document.build(story)
    return buffer.getvalue()
