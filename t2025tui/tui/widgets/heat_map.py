"""A 5x5 risk heat map: open-risk counts by likelihood (across) and impact (up).

Each cell is coloured by the band its score falls in, and the legend states the bands, so the
map reads without colour too.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

BAND_TONES = {"Red": "error", "Amber": "warning", "Green": "success"}


def band_of(score: int, amber_min: int, red_min: int) -> str:
    if score >= red_min:
        return "Red"
    return "Amber" if score >= amber_min else "Green"


class HeatMap(Static):
    """Shows `grid[impact-1][likelihood-1]` counts under a title."""

    DEFAULT_CSS = """
    HeatMap { width: auto; height: auto; padding: 0 1; }
    """

    def __init__(self, title: str, *, id: str | None = None):
        super().__init__("", id=id, markup=False)
        self.map_title = title
        self.grid: list[list[int]] = [[0] * 5 for _ in range(5)]
        self.amber_min = 5
        self.red_min = 15

    def show(self, grid: list[list[int]], amber_min: int, red_min: int) -> None:
        self.grid, self.amber_min, self.red_min = grid, amber_min, red_min
        self.update(self._render_map())

    def _colour(self, band: str) -> str:
        return getattr(self.app.current_theme, BAND_TONES[band], None) or ""

    def _render_map(self) -> Text:
        text = Text()
        text.append(f"{self.map_title}\n", style="bold")
        for impact in range(5, 0, -1):
            text.append(f"I{impact} ")
            for likelihood in range(1, 6):
                count = self.grid[impact - 1][likelihood - 1]
                colour = self._colour(band_of(likelihood * impact, self.amber_min, self.red_min))
                text.append(
                    f"{count:^4}" if count else " ·  ", style=f"bold #000000 on {colour}" if colour else ""
                )
            text.append("\n")
        text.append("   " + "".join(f" L{n} " for n in range(1, 6)))
        return text
