"""/clients/{id}/notes and /notes/{id}: session notes over the API.

Every note is reached through its client's door with `Part.CLINICAL`. Lists hold record
notes only, never psychotherapy notes, whoever asks; a psychotherapy note answers 404 to
anyone but its author on every path. Changing a signed note answers 409 and changes
nothing; so does a save from an older version than the stored one (optimistic locking).
"""

from datetime import datetime

from ninja import Field, Query, Router, Schema, Status

from caseload.api.auth import ApiRequest
from caseload.api.schemas import Page, _Input, _local
from caseload.clients.access import Part, access_client
from caseload.notes import selectors, services
from caseload.notes.models import NoteFormat, NoteKind
from caseload.notes.services import EditConflictError, NoteLockedError

router = Router(tags=["notes"])

Body = dict[str, str] | str
BODY_HELP = (
    "The note's text: an object of sections (SOAP: subjective, objective, assessment, "
    "plan; DAP: data, assessment, plan; BIRP: behavior, intervention, response, plan; "
    "intake: presenting, history, mental_state, formulation; contact: summary; "
    "discharge: reason, outcome, aftercare; psychotherapy notes: process), or one string, "
    "which fills the first section."
)


class NoteCreateIn(_Input):
    kind: NoteKind
    format: NoteFormat | None = Field(
        None, description="Progress notes only; must match the clinician's practice setting."
    )
    body: Body = Field("", description=BODY_HELP)
    psychotherapy: bool = False
    contact_mode: str = Field("", description="Contact notes: phone, message, out_of_session.")
    appointment_id: int | None = Field(None, description="The client's session it is about.")
    occurred_at: datetime | None = Field(None, description="When, if not a session; now.")


class NotePatchIn(_Input):
    body: Body = Field(description=BODY_HELP)
    version: int = Field(ge=1, description="The version the change starts from.")


class SignQuery(Schema):
    version: int | None = Field(
        None, ge=1, description="The version you read; left out, the current version."
    )


class AmendmentIn(_Input):
    text: str = Field(min_length=1, max_length=services.MAX_AMENDMENT_CHARS)


class AmendmentOut(Schema):
    id: int
    text: str
    author: str
    signed_at: datetime

    @staticmethod
    def resolve_text(amendment) -> str:
        return amendment.body

    @staticmethod
    def resolve_author(amendment) -> str:
        return amendment.author.username

    @staticmethod
    def resolve_signed_at(amendment) -> datetime:
        return _local(amendment.signed_at)


class NoteSummaryOut(Schema):
    id: int
    client_id: int
    kind: str
    format: str
    title: str
    occurred_at: datetime
    author: str
    version: int
    signed_at: datetime | None
    cosign_required: bool
    cosigned_at: datetime | None

    @staticmethod
    def resolve_format(note) -> str:
        return note.note_format

    @staticmethod
    def resolve_author(note) -> str:
        return note.author.username

    @staticmethod
    def resolve_occurred_at(note) -> datetime:
        return _local(note.occurred_at)


class NoteOut(NoteSummaryOut):
    psychotherapy: bool
    contact_mode: str
    appointment_id: int | None
    sections: dict[str, str]
    body: str = Field(description="The sections as plain text, each under its heading.")
    amendments: list[AmendmentOut]

    @staticmethod
    def resolve_body(note) -> str:
        return note.plain_text()

    @staticmethod
    def resolve_amendments(note) -> list:
        return list(note.amendments.select_related("author"))


class NotePage(Schema):
    items: list[NoteSummaryOut]
    count: int


class RefusedOut(Schema):
    detail: str
    version: int | None = Field(None, description="The stored version, to start again from.")


def _refused(error, note) -> Status:
    current = getattr(error, "current", note)
    return Status(409, {"detail": " ".join(error.messages), "version": current.version})


@router.get(
    "/clients/{client_id}/notes",
    response=NotePage,
    url_name="client_notes",
    operation_id="client_notes_list",
)
def client_notes(request: ApiRequest, client_id: int, page: Query[Page]):
    """A client's record notes, newest first, without their text (read one note for
    that). Never psychotherapy notes."""
    client = access_client(
        request.auth, client_id, part=Part.CLINICAL, purpose="api: notes", request=request
    )
    notes = selectors.record_notes_of(client)
    return {"items": page.rows(notes), "count": notes.count()}


@router.post(
    "/clients/{client_id}/notes",
    response={201: NoteOut},
    url_name="client_note_create",
    operation_id="client_note_create",
)
def client_note_create(request: ApiRequest, client_id: int, payload: NoteCreateIn):
    """Start a draft note; it is signed with POST /notes/{id}/sign."""
    client = access_client(
        request.auth,
        client_id,
        part=Part.CLINICAL,
        write=True,
        purpose="api: write a note",
        request=request,
    )
    appointment = None
    if payload.appointment_id is not None:
        appointment = selectors.appointment_of(client, payload.appointment_id)
    note = services.note_create(
        acting_user=request.auth,
        client=client,
        kind=payload.kind,
        note_format=payload.format,
        contact_mode=payload.contact_mode,
        psychotherapy=payload.psychotherapy,
        appointment=appointment,
        occurred_at=payload.occurred_at,
        sections=payload.body,
        request=request,
    )
    return Status(201, note)


@router.get(
    "/notes/{note_id}", response=NoteOut, url_name="note_detail", operation_id="note_detail"
)
def note_detail(request: ApiRequest, note_id: int):
    """One note with its amendments. A psychotherapy note answers 404 to anyone but its
    author; the author's every read is audited."""
    note = selectors.note_through_door(
        request.auth, note_id, purpose="api: read a note", request=request
    )
    return services.note_read(acting_user=request.auth, note=note, request=request)


@router.patch(
    "/notes/{note_id}",
    response={200: NoteOut, 409: RefusedOut},
    url_name="note_update",
    operation_id="note_update",
)
def note_update(request: ApiRequest, note_id: int, payload: NotePatchIn):
    """Change a draft's text from `version`. A signed note, or a draft saved by someone
    else since that version, answers 409 and nothing changes."""
    note = selectors.note_through_door(
        request.auth, note_id, purpose="api: write a note", write=True, request=request
    )
    try:
        return services.note_save_draft(
            acting_user=request.auth,
            note=note,
            sections=payload.body,
            version=payload.version,
            request=request,
        )
    except (EditConflictError, NoteLockedError) as refusal:
        return _refused(refusal, note)


@router.post(
    "/notes/{note_id}/sign",
    response={200: NoteOut, 409: RefusedOut},
    url_name="note_sign",
    operation_id="note_sign",
)
def note_sign(request: ApiRequest, note_id: int, version: Query[SignQuery]):
    """Sign and lock a draft (its author only). No body; `?version=n` signs only if the
    draft is still at the version you read."""
    note = selectors.note_through_door(
        request.auth, note_id, purpose="api: sign a note", write=True, request=request
    )
    try:
        return services.note_sign(
            acting_user=request.auth,
            note=note,
            version=version.version or note.version,
            request=request,
        )
    except (EditConflictError, NoteLockedError) as refusal:
        return _refused(refusal, note)


@router.post(
    "/notes/{note_id}/amendments",
    response={201: AmendmentOut},
    url_name="note_amend",
    operation_id="note_amend",
)
def note_amend(request: ApiRequest, note_id: int, payload: AmendmentIn):
    """Add a dated amendment to a signed note, signed by you as it is added."""
    note = selectors.note_through_door(
        request.auth, note_id, purpose="api: amend a note", write=True, request=request
    )
    amendment = services.note_amend(
        acting_user=request.auth, note=note, text=payload.text, request=request
    )
    return Status(201, amendment)
