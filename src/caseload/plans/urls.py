from django.urls import path

from caseload.plans import views

app_name = "plans"
urlpatterns = [
    path("clients/<int:client_id>/", views.plan, name="plan"),
    path("clients/<int:client_id>/edit/", views.plan_edit, name="plan_edit"),
    path("clients/<int:client_id>/goals/new/", views.goal_new, name="goal_new"),
    path("clients/<int:client_id>/goals/<int:goal_id>/", views.goal_edit, name="goal_edit"),
    path(
        "clients/<int:client_id>/goals/<int:goal_id>/retire/",
        views.goal_retire,
        name="goal_retire",
    ),
    path("clients/<int:client_id>/review/", views.review, name="review"),
    path("clients/<int:client_id>/sign-link/", views.sign_link, name="sign_link"),
    path(
        "clients/<int:client_id>/signatures/<int:signature_id>/",
        views.signature,
        name="signature",
    ),
    path("clients/<int:client_id>/agreement/", views.agreement, name="agreement"),
    path("clients/<int:client_id>/agreement/link/", views.agreement_link, name="agreement_link"),
    path("clients/<int:client_id>/feedback/", views.feedback, name="feedback"),
    path("clients/<int:client_id>/feedback/link/", views.feedback_link, name="feedback_link"),
    path(
        "clients/<int:client_id>/feedback/<int:feedback_id>/seen/",
        views.feedback_seen,
        name="feedback_seen",
    ),
]
