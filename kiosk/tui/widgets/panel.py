from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from kiosk.tui.widgets.big_digits import BigDigits
from kiosk.tui.widgets.line import Line, hide_if


class Panel(Vertical):
    """A labelled block of lines, with big digits beside them on large screens.

    The children are made here, not in compose, so that the first frame can be filled in
    before anything is mounted. Ids are `{name}-label`, `{name}-digits` and `{name}-{line}`.
    """

    def __init__(self, name: str, lines: dict[str, str], *, id: str | None = None):
        super().__init__(id=id)
        self.label = Line(id=f"{name}-label", classes="label")
        self.digits = BigDigits("", id=f"{name}-digits", classes="big")
        self.lines = {key: Line(id=f"{name}-{key}", classes=css) for key, css in lines.items()}

    def compose(self) -> ComposeResult:
        yield self.label
        with Horizontal(classes="panel-body"):
            yield self.digits
            with Vertical(classes="panel-text"):
                yield from self.lines.values()

    def shown_if(self, shown: bool) -> bool:
        """Show the panel or hide it; True when it is shown."""
        hide_if(self, not shown)
        return shown

    def put(self, label: str, digits: str, **texts: str) -> None:
        self.label.show(label)
        self.digits.show(digits)
        for key, text in texts.items():
            self.lines[key].show(text)
