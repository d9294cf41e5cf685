"""The planning audit trail: every change to an event, a plan line or a coverage, who made it,
when, and what it changed ("slot: Morning → Evening")."""

from articles.models import PlanningAuditEntry


def snapshot(instance, fields) -> dict:
    """What `fields` of `instance` show now (choices by their label, relations by name)."""
    shown = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.choices:
            shown[name] = getattr(instance, f"get_{name}_display")()
        elif field.is_relation:
            shown[name] = str(getattr(instance, name) or "—")
        else:
            value = getattr(instance, name)
            shown[name] = "—" if value in (None, "") else str(value)
    return shown


def differences(before: dict, after: dict, instance) -> str:
    """ "label: old → new; …" for every field that changed."""
    changed = []
    for name, old in before.items():
        new = after.get(name)
        if old != new:
            label = instance._meta.get_field(name).verbose_name
            changed.append(f"{label}: {old[:60]} → {new[:60]}")
    return "; ".join(changed)


def record(action: str, *, by=None, event=None, line=None, coverage=None, subject="", note=""):
    """One entry on the trail. `subject` defaults to what the entry is about."""
    about = subject or str(coverage or line or event or "")
    return PlanningAuditEntry.objects.create(
        action=action,
        by=by if by is not None and by.is_authenticated else None,
        event=event,
        plan_line=line,
        coverage=coverage,
        subject=about[:300],
        note=note[:500],
    )
