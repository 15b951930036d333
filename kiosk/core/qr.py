"""A QR code as lines of terminal cells: two modules a cell, one above the other (▀ ▄ █), so
that a module is about square. Drawn dark on light, with a quiet zone, a phone's camera reads
it from a photo of the screen."""

from __future__ import annotations

from functools import cache

QUIET = 2  # modules of light border (the standard asks 4; 2 reads fine off a screen's frame)
_CELLS = " ▀▄█"  # by (top dark) + 2 (bottom dark)


@cache
def qr_lines(url: str) -> tuple[str, ...]:
    """The code of `url`, row by row: a cell's ink is the dark modules."""
    import segno  # with the first code shown, not at every start

    code = segno.make(url, error="m", micro=False)
    size = len(code.matrix) + 2 * QUIET
    light = [0] * size
    grid = [light] * QUIET
    grid += [[0] * QUIET + [int(bool(m)) for m in row] + [0] * QUIET for row in code.matrix]
    grid += [light] * (QUIET + (size % 2))  # an even number of rows: two a line
    return tuple(
        "".join(_CELLS[top + 2 * bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(grid[0::2], grid[1::2], strict=True)
    )


def modules(lines: tuple[str, ...] | list[str]) -> list[list[int]]:
    """The modules drawn by `lines`, back: what a reader of the screen sees."""
    grid: list[list[int]] = []
    for line in lines:
        cells = [_CELLS.index(c) if c in _CELLS else 0 for c in line]
        grid.append([c & 1 for c in cells])
        grid.append([c >> 1 for c in cells])
    return grid
