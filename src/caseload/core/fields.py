"""EncryptedTextField: a text column stored as AES-GCM ciphertext bound to its row.

The row identity is the model's `row_key` UUID (from EncryptedModel), fixed at creation,
so the associated data is known before the first INSERT. The model attribute always holds
plaintext; the column always holds ciphertext.
"""

import uuid

from django.db import models
from django.db.models.query_utils import DeferredAttribute

from caseload.core import crypto


def record_label(model_or_row) -> str:
    """The model's name as written into ciphertexts and the audit trail: its
    `record_label` where it declares one, else "app_label.modelname". Both are fixed
    once rows exist (a ciphertext bound to another name does not decrypt; audit events
    are searched by it), so a model that moves to another app keeps its old name."""
    return getattr(model_or_row, "record_label", None) or model_or_row._meta.label_lower


class _Ciphertext(str):
    """A value straight from the database, not yet decrypted."""


class _EncryptedDescriptor(DeferredAttribute):
    """Decrypts on first read (loading a deferred column as Django does)."""

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = super().__get__(instance, owner)
        if isinstance(value, _Ciphertext):
            value = crypto.decrypt(value, self.field.context_for(instance))
            instance.__dict__[self.field.attname] = value
        return value

    def __set__(self, instance, value) -> None:
        instance.__dict__[self.field.attname] = "" if value is None else value


class EncryptedTextField(models.TextField):
    descriptor_class = _EncryptedDescriptor

    def context_for(self, instance) -> str:
        """The associated data: model, field, row and (where the row belongs to one) the
        owning client, so a value moved to another field, row or client fails."""
        owner = instance.encryption_owner()
        return f"{record_label(instance)}.{self.attname}:{instance.row_key}:{owner}"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return ""
        return _Ciphertext(value)

    def pre_save(self, model_instance, add):
        plaintext = getattr(model_instance, self.attname)
        if plaintext == "":
            return ""
        return crypto.encrypt(plaintext, self.context_for(model_instance))

    def stored_value(self, instance) -> str:
        """The ciphertext as loaded, for key rotation; '' if the value is empty."""
        return instance.__dict__.get(self.attname, "")


class EncryptedModel(models.Model):
    """Base for models with encrypted fields: a stable identity for the row binding."""

    row_key = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    # The column naming the row's owner (e.g. "client_id"), bound into the ciphertext.
    encryption_owner_field: str | None = None
    # Set only on a model that moved between apps: see record_label().
    record_label: str | None = None

    class Meta:
        abstract = True

    def encryption_owner(self) -> str:
        if self.encryption_owner_field is None:
            return ""
        owner = getattr(self, self.encryption_owner_field)
        if owner is None:
            raise ValueError(f"{type(self).__name__} needs its owner before encrypting")
        return str(owner)

    @classmethod
    def encrypted_fields(cls) -> list[EncryptedTextField]:
        return [f for f in cls._meta.concrete_fields if isinstance(f, EncryptedTextField)]
