from django.utils.functional import SimpleLazyObject


def alerts(request):
    """The signed-in user's open alerts, for the header of every page (read lazily: the
    query runs only where the header shows it)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_clinical:
        return {}

    def count() -> int:
        from caseload.safety.alerts import open_alert_count

        return open_alert_count(user)

    return {"open_alert_count": SimpleLazyObject(count)}
