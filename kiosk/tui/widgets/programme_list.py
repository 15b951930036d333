from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from kiosk.core.view import Row, visible


class ProgrammeList(Widget):
    """The whole afternoon as a list, windowed around what is on; past dimmed, now marked."""

    COMPONENT_CLASSES = {
        "programme-list--past",
        "programme-list--now",
        "programme-list--next",
        "programme-list--later",
        "programme-list--by",
    }

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self._rows: tuple[Row, ...] = ()

    @property
    def capacity(self) -> int:
        """How many rows to ask the core for: as many as fit, or as many as the screen has
        lines before the first layout (the first frame is filled in before it)."""
        if not self.display:
            return 0
        if self.region.height:
            return self.size.height
        return self.app.size.height

    def show(self, rows: list[Row]) -> None:
        new, old = tuple(rows), self._rows
        self._rows = new
        # rows asked for at another capacity need no redraw unless what shows has moved; before
        # the first layout nothing shows yet, and the layout draws what is kept here
        height = self.size.height
        if new != old and visible(new, height) != visible(old, height):
            self.refresh()

    def render(self) -> Text:
        rows = visible(self._rows, self.size.height)
        width = max((len(r.time) for r in rows), default=0)
        line_width = max(1, self.size.width)
        by_style = self.get_component_rich_style("programme-list--by")
        out = Text(no_wrap=True, overflow="ellipsis", end="")
        for n, row in enumerate(rows):
            style = self.get_component_rich_style(f"programme-list--{row.state}")
            if row.room:  # a session or a room's part: where first, as one line
                line = Text(f"{row.mark} {row.text}".lstrip(), style=style)
            else:
                line = Text(f"{row.mark} {row.time:<{width}}  {row.title}", style=style)
            if row.by and not row.room:
                # past and current rows keep one style across; others mute the speaker
                muted = row.state not in ("past", "now")
                line.append(f"  {row.by}", style=by_style if muted else style)
            line.truncate(line_width, overflow="ellipsis", pad=True)
            if n:
                out.append("\n")
            out.append_text(line)
        return out
