"""Admin for accounts (the secretariat manages logins here)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from astana.web.accounts.models import User

admin.site.register(User, UserAdmin)
