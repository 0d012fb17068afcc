"""Attachments in the admin: the same rights and centres as the pages; files are never added here.

Adding goes through the app's form only (its content checks, thumbnail and size limit); the
admin lists, renames, re-kinds and deletes (the files go with the row, attachments.signals).
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from attachments.models import Attachment
from core.centres import CentreScopedAdmin


@admin.register(Attachment)
class AttachmentAdmin(CentreScopedAdmin, SimpleHistoryAdmin):
    list_display = ["title", "kind", "record", "size", "content_type", "uploaded_by", "uploaded_at"]
    list_filter = ["kind", "content_type"]
    search_fields = ["title", "original_name"]
    date_hierarchy = "uploaded_at"
    # What each record's name reads (a session names its workshop, a visit its organisation).
    list_select_related = [
        "uploaded_by",
        "session__workshop",
        "workshop",
        "coaching_session__engagement__organization",
        "coaching_session__engagement__project",
        "plan",
        "consultation__organization",
        "assessment__organization",
        "meeting",
    ]
    fields = [
        "title",
        "kind",
        "record",
        "open_file",
        "original_name",
        "content_type",
        "size",
        "uploaded_by",
        "uploaded_at",
    ]
    readonly_fields = ["record", "open_file", "original_name", "content_type", "size", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("record"))
    def record(self, obj):
        target, _record_id = obj.target
        if target is None:
            return "—"
        record = getattr(obj, target.slug)
        return format_html('<a href="{}">{}</a>', target.page_url(record), record)

    @admin.display(description=_("file"))
    def open_file(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("attachments:download", args=[obj.pk]), obj.download_name())
