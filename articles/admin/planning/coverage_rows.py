"""The coverage rows of the plan line form: kind, person and/or desk, due time, brief, and
"cancelled". Each row is saved through `articles.planning.coverage.save_coverage`, which tells
whoever is newly on it; assigning an account that is no longer active is refused on the row."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from articles.models import Coverage, CoverageStatus, PlanningAction
from articles.planning import audit, rules
from articles.planning.coverage import save_coverage
from articles.staff.roles import can_plan


class AssigneeField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name().strip() or user.get_username()


class CoverageForm(forms.ModelForm):
    cancelled = forms.BooleanField(
        required=False, label="Cancelled", help_text="Nobody works on it any more."
    )

    class Meta:
        model = Coverage
        fields = ["kind", "assignee", "desk", "due_at", "brief", "position"]
        widgets = {"position": forms.HiddenInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = (
            get_user_model()
            .objects.filter(is_staff=True)
            .order_by("-is_active", "first_name", "last_name", "username")
        )
        self.fields["assignee"] = AssigneeField(
            queryset=staff,
            required=False,
            label="Assigned to",
            help_text="A person; leave empty and choose a desk to let its members take it.",
        )
        self.fields["cancelled"].initial = self.instance.status == CoverageStatus.CANCELLED

    def clean_assignee(self):
        person = self.cleaned_data.get("assignee")
        try:
            rules.require_assignable(person)
        except ValidationError as error:
            raise ValidationError(error.messages[0], code="inactive_assignee") from None
        return person


class CoverageInline(admin.TabularInline):
    model = Coverage
    form = CoverageForm
    extra = 1
    fields = ["kind", "assignee", "desk", "due_at", "brief", "cancelled", "standing", "position"]
    readonly_fields = ["standing"]
    verbose_name_plural = "coverage (who is on what, by when)"

    @admin.display(description="where it stands")
    def standing(self, coverage):
        if not coverage.pk:
            return "—"
        story = coverage.article
        extra = f" · story: {story.headline} ({story.get_status_display()})" if story else ""
        notice = f" · {coverage.notice}" if coverage.notice else ""
        return format_html("{}{}{}", coverage.get_status_display(), extra, notice)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "assignee", "desk")

    def has_add_permission(self, request, obj=None):
        return can_plan(request.user)

    def has_change_permission(self, request, obj=None):
        return can_plan(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_plan(request.user)


def save_coverage_rows(request, formset) -> None:
    """Each changed row through the domain (who is told, the audit trail, the line's state)."""
    # What the admin's change message reads afterwards, as formset.save() would leave it.
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    for form in formset.deleted_forms:
        coverage = form.instance
        if coverage.pk:
            audit.record(
                PlanningAction.DELETED,
                by=request.user,
                line=formset.instance,
                subject=str(coverage),
            )
            coverage.delete()
            formset.deleted_objects.append(coverage)
    for form in formset.forms:
        if form in formset.deleted_forms or not form.has_changed() or not form.is_valid():
            continue
        coverage = form.save(commit=False)
        coverage.plan_line = formset.instance
        new = coverage.pk is None
        save_coverage(coverage, by=request.user, cancelled=form.cleaned_data.get("cancelled"))
        if new:
            formset.new_objects.append(coverage)
        else:
            formset.changed_objects.append((coverage, form.changed_data))
