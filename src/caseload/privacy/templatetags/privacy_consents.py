from django import template

from caseload.privacy.consents import consent_warning

register = template.Library()


@register.simple_tag
def consent_warning_for(client, kind: str) -> str | None:
    """`{% consent_warning_for client "telehealth" as warning %}`: the sentence to show
    beside an action that needs this consent, or None. The caller's page has already
    been through the door for `client`."""
    return consent_warning(client, kind)
