from django.urls import path  # noqa: F401

# Safety plans and between-session check-ins (their own module beside alerts and crises).
app_name = "safetyplans"
urlpatterns: list = []
