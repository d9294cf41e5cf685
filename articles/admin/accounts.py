"""Staff accounts and groups: Django's own admins, with the newsroom's safe search mixed in
(the author form's "user" box autocompletes against accounts)."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from .searching import SafeSearchMixin

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AccountAdmin(SafeSearchMixin, UserAdmin):
    pass


@admin.register(Group)
class GroupOfAccountsAdmin(SafeSearchMixin, GroupAdmin):
    pass
