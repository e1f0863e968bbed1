"""Migration api 0002 gives tokens made before expiry existed ``ASTANA_TOKEN_DAYS`` from the
moment it runs; they keep working until then."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from astana.web.accounts.models import User
from astana.web.api.models import ApiToken
from astana.web.api.tokens import digest_of

BEFORE = [("api", "0001_initial")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("history_reloaded", "no_change_log")
def test_tokens_made_before_expiry_get_the_default_lifetime() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("api", "ApiToken")
    token = "ast_" + "o" * 43
    old.objects.create(
        user_id=User.objects.get(username="party1").pk, name="old", digest=digest_of(token)
    )
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    row = ApiToken.objects.get(name="old")
    left = row.expires_at - timezone.now()
    assert timedelta(days=29) < left <= timedelta(days=30)
    listed = Client().get("/api/tokens", headers={"Authorization": f"Bearer {token}"})
    assert listed.status_code == 200
