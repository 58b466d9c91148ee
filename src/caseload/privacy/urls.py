from django.urls import path

from caseload.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.home, name="home"),
    path("break-glass/", views.break_glass, name="break_glass"),
    path(
        "break-glass/<int:grant_id>/review/", views.break_glass_review, name="break_glass_review"
    ),
    path("consent-texts/", views.consent_templates, name="templates"),
    path("jurisdictions/", views.jurisdictions, name="jurisdictions"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:report_id>/", views.report_detail, name="report"),
    path("clients/<int:client_id>/", views.client_privacy, name="client"),
    path("clients/<int:client_id>/consents/", views.consent_request, name="consent_request"),
    path(
        "clients/<int:client_id>/consents/<int:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("clients/<int:client_id>/releases/new/", views.release_new, name="release_new"),
    path(
        "clients/<int:client_id>/releases/<int:release_id>/revoke/",
        views.release_revoke,
        name="release_revoke",
    ),
    path("clients/<int:client_id>/disclose/", views.disclose, name="disclose"),
    path("clients/<int:client_id>/accounting/", views.accounting, name="accounting"),
    path(
        "clients/<int:client_id>/disclosures/<int:disclosure_id>/packet/",
        views.disclosure_packet,
        name="disclosure_packet",
    ),
    path("clients/<int:client_id>/export/", views.export, name="export"),
    path("clients/<int:client_id>/reports/new/", views.report_new, name="report_new"),
]
