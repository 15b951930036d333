from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from kiosk.view import Row


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
        """How many rows fit: the app asks the core for this many."""
        return max(0, self.content_region.height)

    def show(self, rows: list[Row]) -> None:
        new = tuple(rows)
        if new != self._rows:
            self._rows = new
            self.refresh()

    def render(self) -> Text:
        width = max((len(r.time) for r in self._rows), default=0)
        by_style = self.get_component_rich_style("programme-list--by")
        out = Text(no_wrap=True, overflow="ellipsis", end="")
        for n, row in enumerate(self._rows):
            style = self.get_component_rich_style(f"programme-list--{row.state}")
            line = Text(f"{row.mark} {row.time:<{width}}  {row.title}", style=style)
            if row.by:
                # past and current rows keep one style across; others mute the speaker
                muted = row.state not in ("past", "now")
                line.append(f"  {row.by}", style=by_style if muted else style)
            line.truncate(max(1, self.content_region.width), overflow="ellipsis", pad=True)
            if n:
                out.append("\n")
            out.append_text(line)
        return out
