from django import template

register = template.Library()


@register.filter
def figure(number, is_lower_bound=False) -> str:
    """A count as sources give it: 16000 with a lower bound reads “16,000+”."""
    if number is None or number == "":
        return "—"
    return f"{number:,}+" if is_lower_bound else f"{number:,}"
