"""URLs of signing and the public record (under the language prefix)."""

from django.urls import path

from astana.web.signing import views

app_name = "signing"

urlpatterns = [
    path("signing/keys/", views.keys, name="keys"),
    path("texts/<int:text_id>/sign/", views.sign, name="sign"),
    path("texts/<int:text_id>/signatures/", views.signatures, name="signatures"),
    path("record/", views.record, name="record"),
    path("record/bundles/<int:text_id>/<int:revision>.json", views.bundle_download, name="bundle"),
    path(
        "record/signed/<int:text_id>/<int:revision>.pdf", views.signed_download, name="signed_pdf"
    ),
]
