from __future__ import annotations

from textual.widgets import Static


class Line(Static):
    """A line of text from the programme, shown as written (never read as markup).

    `show` redraws only when the text changed, and hides the line while it is empty (by a
    class, so that the stylesheet can still hide it too, at small sizes).
    """

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None):
        super().__init__(text, markup=False, id=id, classes=classes)
        self._text = text
        self.set_class(not text, "-empty")

    @property
    def text(self) -> str:
        return self._text

    def show(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        self.update(text)
        self.set_class(not text, "-empty")
