"""Login (with the second factor's code when the user has an authenticator), logout, and the
second factor's enrolment page."""

from django.contrib.auth import views as auth_views
from django.urls import path

from astana.web.accounts import views_two_factor

app_name = "accounts"

urlpatterns = [
    path("login/", views_two_factor.SecondFactorLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views_two_factor.two_factor, name="two_factor"),
    path("two-factor/verify/", views_two_factor.two_factor_verify, name="two_factor_verify"),
]
