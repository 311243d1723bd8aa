"""Template helpers of the topics pages: masked note text and the digest's chart."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from onestop.topics import charts
from onestop.topics.masking import mask_note as _mask_note
from onestop.topics.selectors import Digest

register = template.Library()


@register.filter(name="mask_note")
def mask_note(text: str) -> str:
    return _mask_note(text)


@register.simple_tag
def reason_chart(digest: Digest) -> SafeString:
    return charts.reason_chart(digest)
