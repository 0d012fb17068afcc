"""{% evaluation_panel workshop %}: the evaluation section of a workshop's page (trainings may not import us)."""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone

from evaluation import summary
from evaluation.views import link_url, qr_svg

register = template.Library()


@register.simple_tag(takes_context=True)
def evaluation_panel(context, workshop):
    """Feedback count and average, the average gain, and the open links with their QR codes."""
    request = context["request"]
    if not request.user.has_perm("evaluation.view_feedbackresponse"):
        return ""
    links = [
        {"opening": o, "url": (url := link_url(request, o)), "qr": qr_svg(url)}
        for o in summary.open_links(workshop, timezone.now())
    ]
    glance = summary.glance(workshop)
    return render_to_string(
        "evaluation/_panel.html",
        {"workshop": workshop, "links": links, "glance": glance, "perms": context.get("perms")},
        request=request,
    )
