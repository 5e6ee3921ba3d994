"""Small charts drawn on the server as SVG: no JavaScript, no inline style."""

from dataclasses import dataclass

from standards.models import StandardStatus

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 190
BAR_MAX_WIDTH = 280


@dataclass
class Bar:
    label: str
    status: str
    count: int
    y: int
    width: int

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 6


@dataclass
class Chart:
    bars: list[Bar]
    height: int
    width: int = LABEL_WIDTH + BAR_MAX_WIDTH + 50
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT


def status_chart(counts: dict[str, int]) -> Chart:
    """A bar for each lifecycle status that has standards, in lifecycle order."""
    present = [status for status in StandardStatus if counts.get(status)]
    largest = max((counts[status] for status in present), default=1)
    bars = [
        Bar(
            label=status.label,
            status=status.value,
            count=counts[status],
            y=index * (BAR_HEIGHT + BAR_GAP),
            width=max(2, round(BAR_MAX_WIDTH * counts[status] / largest)),
        )
        for index, status in enumerate(present)
    ]
    return Chart(bars=bars, height=max(1, len(bars)) * (BAR_HEIGHT + BAR_GAP))
