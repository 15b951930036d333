from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from kiosk.core.listing import Row, visible

MIN_ROWS = 3  # a list with room for fewer rows is no list: it is left out
TWO_COLUMNS = 150  # from this width on, the list runs in two columns


class ProgrammeList(Widget):
    """The day as a list, from what is on: past dimmed (✓), now marked (▶), next (›)."""

    COMPONENT_CLASSES = {
        "programme-list--past",
        "programme-list--now",
        "programme-list--next",
        "programme-list--later",
        "programme-list--by",
        "programme-list--moved",
        "programme-list--more",
    }

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self._rows: tuple[Row, ...] = ()

    @property
    def columns(self) -> int:
        return 2 if self.size.width >= TWO_COLUMNS else 1

    @property
    def lines(self) -> int:
        height = self.size.height
        return height if height >= MIN_ROWS else 0

    @property
    def capacity(self) -> int:
        """How many rows to ask the core for: as many as fit, or as many as the screen has
        lines before the first layout (the first frame is filled in before it)."""
        if not self.display:
            return 0
        if self.region.height:
            return self.lines * self.columns
        return self.app.size.height

    def show(self, rows: list[Row]) -> None:
        new, old = tuple(rows), self._rows
        self._rows = new
        # rows asked for at another capacity need no redraw unless what shows has moved; before
        # the first layout nothing shows yet, and the layout draws what is kept here
        fit = self.lines * self.columns
        if new != old and visible(new, fit) != visible(old, fit):
            self.refresh()

    def render(self) -> Text:
        # two columns only for a list longer than one column holds
        columns = self.columns if len(self._rows) > self.lines else 1
        rows = visible(self._rows, self.lines * columns)
        gap = 3
        width = max(1, (self.size.width - gap * (columns - 1)) // columns)
        per_column = max(1, -(-len(rows) // columns))
        cells = [self._line(r, rows, width) for r in rows]
        out = Text(no_wrap=True, overflow="ellipsis", end="")
        for n in range(per_column):
            if n:
                out.append("\n")
            for c in range(columns):
                k = c * per_column + n
                if k < len(cells):
                    if c:
                        out.append(" " * gap)
                    out.append_text(cells[k])
        return out

    def _line(self, row: Row, rows: list[Row], width: int) -> Text:
        style = self.get_component_rich_style(f"programme-list--{row.state}")
        if row.state == "more":  # the hall's rooms a page at a time: how many more, which page
            line = Text(row.title, style=style)
        elif row.room:  # a session or a room's part: where first, as one line
            line = Text(f"{row.mark} {row.text}".lstrip(), style=style)
        else:
            # the times right-aligned ("ca. 14:22" over "    17:00": the hours line up),
            # then how far each moved in a column of its own
            time_width = max((len(r.time) for r in rows if not r.room), default=0)
            moved_width = max((len(r.moved) for r in rows if not r.room), default=0)
            line = Text(f"{row.mark} {row.time.rjust(time_width)}", style=style)
            if moved_width:
                moved = self.get_component_rich_style("programme-list--moved")
                # on the row's own background: only the colour and weight are the mark's (on
                # the row of what is on, only the weight: its text colour is made for it)
                mark = Style(color=None if row.state == "now" else moved.color, bold=moved.bold)
                line.append(" " + row.moved.rjust(moved_width), style=style + mark)
            line.append(f"  {row.title}", style=style)
        if row.by and not row.room:
            # past and current rows keep one style across; others mute the speaker
            muted = row.state not in ("past", "now")
            by_style = self.get_component_rich_style("programme-list--by")
            line.append(f"  {row.by}", style=by_style if muted else style)
        line.truncate(width, overflow="ellipsis", pad=True)
        return line
