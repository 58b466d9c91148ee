from django.urls import path

from caseload.notes import views

app_name = "notes"
urlpatterns = [
    path("clients/<int:client_id>/", views.note_list, name="list"),
    path("clients/<int:client_id>/new/", views.note_new, name="new"),
    path("clients/<int:client_id>/<int:note_id>/", views.note_detail, name="note"),
    path("clients/<int:client_id>/<int:note_id>/save/", views.note_save, name="save"),
    path("clients/<int:client_id>/<int:note_id>/sign/", views.note_sign, name="sign"),
    path("clients/<int:client_id>/<int:note_id>/amend/", views.note_amend, name="amend"),
    path("clients/<int:client_id>/<int:note_id>/cosign/", views.note_cosign, name="cosign"),
    path("clients/<int:client_id>/<int:note_id>/started/", views.session_start, name="started"),
    path("cosign/", views.cosign_queue, name="cosign_queue"),
    path("private/", views.private_notes, name="private"),
    path("consistency/", views.consistency, name="consistency"),
    path("settings/", views.note_settings, name="settings"),
    path("settings/<int:user_id>/", views.note_settings_save, name="settings_save"),
]
