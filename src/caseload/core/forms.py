from django.core.exceptions import ValidationError


def run_service(form, service, **kwargs):
    """Call a service for a valid form; a ValidationError from the service becomes a form
    error (the service changed nothing). Returns the service's result, or None."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return None
