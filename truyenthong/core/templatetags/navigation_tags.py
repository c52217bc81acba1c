"""The school menu for templates: only the entries the signed-in person may open."""

from django import template

from truyenthong.core.navigation import school_menu as build_school_menu

register = template.Library()


@register.simple_tag(takes_context=True)
def school_menu(context, school):
    request = context.get("request")
    if request is None or school is None:
        return []
    return build_school_menu(request.user, school, request.path)
