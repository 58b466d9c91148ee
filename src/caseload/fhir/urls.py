"""/fhir/: FHIR R4 for measures (docs/guide-fhir.md)."""

from django.urls import path

from caseload.fhir import views

app_name = "fhir"
urlpatterns = [
    path("", views.transaction, name="transaction"),
    path("Questionnaire/<str:instrument>", views.questionnaire, name="questionnaire"),
    path("QuestionnaireResponse", views.questionnaire_responses, name="questionnaire_responses"),
    path("Observation", views.observations, name="observations"),
    path(
        "Patient/<int:client_id>/QuestionnaireResponse",
        views.patient_questionnaire_responses,
        name="patient_questionnaire_responses",
    ),
    path(
        "Patient/<int:client_id>/Observation",
        views.patient_observations,
        name="patient_observations",
    ),
]
