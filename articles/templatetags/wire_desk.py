"""The wire desk's alert on the admin home: stories the agency killed or withheld after they
went out, shown to every editor until one acts (`WireStory.objects.kills_to_act_on`)."""

from django import template

from articles.models import WireStory
from articles.workflow import is_editor

register = template.Library()


@register.inclusion_tag("admin/articles/wirestory/kill_alerts.html", takes_context=True)
def wire_kill_alerts(context):
    request = context.get("request")
    if request is None or not is_editor(request.user):
        return {"kill_alerts": []}
    alerts = WireStory.objects.kills_to_act_on().select_related("provider", "article")[:20]
    return {"kill_alerts": list(alerts)}
