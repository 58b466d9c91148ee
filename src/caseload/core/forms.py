from django.core.exceptions import ValidationError
from django.db import IntegrityError

from caseload.core.constraints import constraint_message


def run_service(form, service, **kwargs):
    """Call a service for a valid form; a ValidationError from the service, or a database
    constraint it met, becomes a form error in words (the service's transaction changed
    nothing). Returns the service's result, or None."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return None
    except IntegrityError as error:
        message = constraint_message(error)
        if message is None:
            raise
        form.add_error(None, message)
        return None


def is_confirmed(data) -> bool:
    """True when the request comes from the confirmation page of an irreversible step.

    The first submission of such a step only shows what will happen and asks; the
    confirmation page sends `confirmed=1` with the same data. A double click on the
    first button therefore asks twice and never acts."""
    return data.get("confirmed") == "1"
