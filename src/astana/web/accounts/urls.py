"""Login (with the second factor's code when the user has an authenticator), logout, the
second factor's enrolment page, changing one's password, one's API tokens."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from astana.web.accounts import views, views_two_factor

app_name = "accounts"

urlpatterns = [
    path("login/", views_two_factor.SecondFactorLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views_two_factor.two_factor, name="two_factor"),
    path("two-factor/verify/", views_two_factor.two_factor_verify, name="two_factor_verify"),
    # Django's own views: the form checks the old password and the validators; the current
    # session stays logged in (update_session_auth_hash), every other session of the user
    # ends, and the user's API tokens are revoked (astana.web.api.tokens).
    path(
        "password_change/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke_page, name="token_revoke"),
]
