"""The questions of the attempt page, written out by one function instead of the template language.

Twenty questions with their options are several hundred template variables and tags; Django's engine takes about
5 ms of CPU for them, and 3,000 participants open this page within the same ten seconds on two cores. The markup
is the same as a template would give (every text escaped); the page's template stays the place for the rest."""

from __future__ import annotations

# html.escape is what django.utils.html.escape does, without its lazy-string wrapper (a hundred calls a page)
from html import escape

from django import template
from django.utils.safestring import SafeString

from truyenthong.lib import quiz

register = template.Library()


def _option(qid: int, kind: str, index: int, text: str, response) -> str:
    if kind == quiz.MULTIPLE:
        kind_attr, checked = "checkbox", isinstance(response, list) and index in response
    else:
        kind_attr, checked = "radio", index == response
    return (
        f'<label class="option"><input type="{kind_attr}" name="q{qid}" value="{index}"'
        f"{' checked' if checked else ''}> {escape(text)}</label>"
    )


@register.simple_tag
def attempt_questions(questions) -> SafeString:
    """One fieldset per question (selectors.QuestionView): the legend, then a text box or the options in the
    attempt's order, the saved answer filled in or checked."""
    out = []
    for item in questions:
        q = item.question
        qid, kind = q.pk, q.kind
        out.append(
            f'<fieldset class="card question" data-question="{qid}" data-kind="{escape(kind)}">'
            f"<legend>Câu {item.number}. {escape(q.text)}</legend>"
        )
        if kind == quiz.SHORT:
            value = "" if item.response is None else escape(str(item.response))
            out.append(
                f'<label class="visually-hidden" for="q{qid}">Câu trả lời câu {item.number}</label>'
                f'<input type="text" id="q{qid}" name="q{qid}" value="{value}" autocomplete="off">'
            )
        else:
            out.extend(_option(qid, kind, index, text, item.response) for index, text in item.options)
        out.append('<span class="saved muted" aria-live="polite"></span></fieldset>')
    return SafeString("\n".join(out))
