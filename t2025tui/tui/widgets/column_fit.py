"""Column widths for a narrow terminal: names give way first, status columns keep their width.

At 80 columns a table laid out for 120 would lose its right-hand columns (due date, status,
late/risk counts), which are what a reader scans for. Instead the flexible columns (names,
titles) shrink, in proportion to their width, down to a floor.
"""

from __future__ import annotations

CELL_PADDING = 2  # a DataTable pads each cell by one column on either side
MINIMUM = 6


def fit_widths(widths: list[int], flexible: list[bool], available: int, minimum: int = MINIMUM) -> list[int]:
    """`widths` fitted into `available` columns by narrowing only the flexible ones."""
    fitted = list(widths)
    excess = sum(widths) + CELL_PADDING * len(widths) - available
    while excess > 0:
        shrinkable = [i for i, flex in enumerate(flexible) if flex and fitted[i] > minimum]
        if not shrinkable:
            break  # as narrow as names can go; the rest is scrolled to
        room = sum(fitted[i] - minimum for i in shrinkable)
        cut_total = min(excess, room)
        for i in shrinkable:
            cut = min(fitted[i] - minimum, -(-cut_total * (fitted[i] - minimum) // room), excess)
            fitted[i] -= cut
            excess -= cut
    return fitted
