"""NOW's progress: Textual's ProgressBar, solid when a stylesheet gives it more than one row."""

from __future__ import annotations

from copy import copy

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.events import Mount
from textual.renderables.bar import Bar as BarRenderable
from textual.widgets import ProgressBar


class SolidBar(BarRenderable):
    """Textual's bar, one thin line; given two rows or more (`#now-progress Bar { height: 2 }`,
    as styles/bright-hall.tcss does) it is drawn in full blocks over all of them, to be read
    from the back of a bright hall."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rows = options.height or 1
        if rows < 2:
            yield from super().__rich_console__(console, options)
            return
        solid = copy(self)
        solid.BAR, solid.HALF_BAR_LEFT, solid.HALF_BAR_RIGHT = "█", "▐", "▌"
        line = Text("", end="")
        for part in BarRenderable.__rich_console__(solid, console, options.update(height=1)):
            if isinstance(part, Text):
                line.append_text(part)
        yield Text("\n", end="").join([line] * rows)


class Progress(ProgressBar):
    BAR_RENDERABLE = SolidBar

    def _on_mount(self, event: Mount) -> None:
        # the kiosk sets the progress at each tick and shows no ETA: ProgressBar's on_mount
        # starts a timer that updates the ETA once a second, which would only wake an idle
        # kiosk (and it has no scrollbars for Widget's to set up)
        event.prevent_default()
