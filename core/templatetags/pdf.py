from django import template

register = template.Library()


@register.simple_tag
def pdf_static(path: str) -> str:
    """An asset URL the PDF renderer's safe fetcher serves (core.pdf)."""
    return f"kumppani:static/{path.lstrip('/')}"
