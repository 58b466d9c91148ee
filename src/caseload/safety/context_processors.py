from django.utils.functional import SimpleLazyObject


def alerts(request):
    """The signed-in user's open alerts and follow-ups still to do, for the sidebar of
    every page (read lazily: each query runs only where the sidebar shows it)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_clinical:
        return {}

    def count() -> int:
        from caseload.safety.alerts import open_alert_count

        return open_alert_count(user)

    def tasks() -> int:
        from caseload.safety.tasks import follow_ups_for

        return follow_ups_for(user).count()

    # Lazy too: counted only on pages whose sidebar draws "My tasks".
    return {
        "open_alert_count": SimpleLazyObject(count),
        "open_task_count": SimpleLazyObject(tasks),
    }
