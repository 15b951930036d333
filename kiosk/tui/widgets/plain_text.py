from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Static


class PlainText(Static):
    """A line of text from the programme, shown as written (never read as markup).

    `show` redraws only when the text changed, and hides the line while it is empty (by a
    class, so that the stylesheet can still hide it too, at small sizes).
    """

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None):
        # the class goes in with the others: no restyle before the line is even mounted
        empty = "" if text else "-empty"
        super().__init__(text, markup=False, id=id, classes=f"{classes or ''} {empty}".strip())
        self._text = text

    @property
    def text(self) -> str:
        return self._text

    def show(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        self.update(text)
        hide_if(self, not text)


def hide_if(widget: Widget, empty: bool) -> None:
    """Hide a widget that has nothing to show, by the `-empty` class the stylesheet hides.

    Before it is in the tree (the first frame is filled in compose) no restyle: the mount
    styles it. A widget made later (`WhenNeeded`) is styled as it is placed, before its first
    text: that one restyles.
    """
    widget.set_class(empty, "-empty", update=widget.is_attached)
