from django.urls import path

from caseload.accounts import staff_views as views

app_name = "staff"
urlpatterns = [
    path("", views.staff_list, name="list"),
    path("new/", views.staff_new, name="new"),
    path("<int:user_id>/", views.staff_detail, name="detail"),
    path("<int:user_id>/role/", views.staff_role, name="role"),
    path("<int:user_id>/active/", views.staff_active, name="active"),
    path("<int:user_id>/password/", views.staff_password, name="password"),
    path("<int:user_id>/two-factor-reset/", views.staff_two_factor_reset, name="two_factor_reset"),
    path("<int:user_id>/supervision/", views.supervision_add, name="supervision_add"),
    path(
        "<int:user_id>/supervision/<int:link_id>/remove/",
        views.supervision_remove,
        name="supervision_remove",
    ),
    path("<int:user_id>/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
