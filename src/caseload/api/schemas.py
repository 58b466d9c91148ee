"""Request and response shapes of the REST API (the OpenAPI schema is built from these).

Input schemas forbid unknown fields, so a misspelt field is an error rather than a
silent no-op; values are checked again by the model's own validation in the services."""

from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from ninja import Field, Schema
from pydantic import ConfigDict, field_validator, model_validator

from caseload.clients.models import ClientStatus

MAX_PAGE_SIZE = 500
MAX_ID = 2**63 - 1


class Page(Schema):
    limit: int = Field(100, ge=1, le=MAX_PAGE_SIZE, description="Rows per page.")
    offset: int = Field(0, ge=0, description="Rows to skip.")

    def rows(self, queryset: QuerySet) -> list:
        return list(queryset[self.offset : self.offset + self.limit])


def _local(moment: datetime) -> datetime:
    # The practice's own time zone, with its offset, so scripts need no conversion.
    return timezone.localtime(moment)


class CareTeamMemberOut(Schema):
    username: str
    role: str

    @staticmethod
    def resolve_username(member) -> str:
        return member.user.username


class ClientSummaryOut(Schema):
    id: int
    legal_name: str
    preferred_name: str
    pronouns: str | None = Field(None, description="Null for directory-only roles (admin).")
    status: str
    date_of_birth: date | None = Field(None, description="Null for directory-only roles.")
    primary_clinician: str | None = Field(None, description="Username of the primary clinician.")


class ClientPage(Schema):
    items: list[ClientSummaryOut]
    count: int


class ClientOut(Schema):
    id: int
    legal_name: str
    preferred_name: str
    pronouns: str
    date_of_birth: date
    email: str
    phone: str
    address: str
    emergency_contact_name: str
    emergency_contact_relationship: str
    emergency_contact_phone: str
    status: str
    care_team: list[CareTeamMemberOut]

    @staticmethod
    def resolve_care_team(client) -> list:
        return list(client.care_team.select_related("user"))


class _Input(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ClientCreateIn(_Input):
    legal_name: str
    preferred_name: str = ""
    pronouns: str = ""
    date_of_birth: date
    email: str = ""
    phone: str = ""
    address: str = ""
    emergency_contact_name: str = ""
    emergency_contact_relationship: str = ""
    emergency_contact_phone: str = ""
    status: ClientStatus = ClientStatus.REFERRAL
    primary_clinician: str | None = Field(
        None,
        description="Username of the primary clinician. Left out, a clinician or supervisor "
        "registering the client becomes it.",
    )


class ClientPatchIn(_Input):
    """Only the fields sent are changed."""

    legal_name: str | None = None
    preferred_name: str | None = None
    pronouns: str | None = None
    date_of_birth: date | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    emergency_contact_name: str | None = None
    emergency_contact_relationship: str | None = None
    emergency_contact_phone: str | None = None
    status: ClientStatus | None = None

    @field_validator("*")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        # None only stands for "not sent"; an explicit null would blank a required column.
        if value is None:
            raise ValueError("may not be null; leave the field out to keep its value")
        return value


class AppointmentOut(Schema):
    id: int
    starts_at: datetime
    duration_minutes: int
    kind: str
    location: str
    attendance: str
    clinician: str
    series: str | None = Field(None, description="Shared by the occurrences of a series.")

    @staticmethod
    def resolve_series(appointment) -> str | None:
        return str(appointment.series) if appointment.series else None

    @staticmethod
    def resolve_starts_at(appointment) -> datetime:
        return _local(appointment.starts_at)

    @staticmethod
    def resolve_clinician(appointment) -> str:
        return appointment.clinician.username


class AuditFilters(Page):
    client: int | None = Field(None, ge=1, le=MAX_ID, description="Client number.")
    user: str = Field("", max_length=150, description="Username of the actor.")
    since: date | None = Field(None, description="From this day.")
    until: date | None = Field(None, description="To this day, inclusive.")
    action: str = Field("", max_length=64, description="Action starts with.")

    @model_validator(mode="after")
    def _in_order(self) -> "AuditFilters":
        if self.since and self.until and self.since > self.until:
            raise ValueError("since is after until")
        return self

    def search_terms(self) -> dict:
        """The keyword arguments of `audit.search.audit_search`."""
        return {
            "client_id": self.client,
            "username": self.user,
            "since": self.since,
            "until": self.until,
            "action": self.action,
        }


class AuditEventOut(Schema):
    seq: int
    at: datetime
    actor_username: str
    action: str
    object_type: str
    object_id: str
    client_id: int | None
    ip: str | None
    purpose: str
    detail: dict

    @staticmethod
    def resolve_at(event) -> datetime:
        return _local(event.at)


class AuditPage(Schema):
    items: list[AuditEventOut]
    count: int
