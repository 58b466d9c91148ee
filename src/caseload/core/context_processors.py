from django.conf import settings


def caseload(request):
    return {
        "practice_name": settings.CASELOAD_PRACTICE_NAME,
        "demo_mode": settings.DEMO,
    }
