"""`{% overdue_follow_ups school %}`: the overdue inspection follow-ups of a school, for any page (the dashboard)."""

from django import template

from truyenthong.evaluation.selectors import overdue_context

register = template.Library()


@register.inclusion_tag("evaluation/_overdue_follow_ups.html", takes_context=True)
def overdue_follow_ups(context, school):
    request = context.get("request")
    user = getattr(request, "user", None) if request is not None else context.get("user")
    return overdue_context(school, user=user)
