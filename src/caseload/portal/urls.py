from django.urls import path

from caseload.portal import views

app_name = "portal"
urlpatterns = [
    path("<str:token>/", views.open_link, name="open"),
    path("<str:token>/go/", views.go, name="go"),
]
