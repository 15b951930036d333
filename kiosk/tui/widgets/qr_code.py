from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kiosk.core.qr import qr_lines


class QrCode(Static):
    """The event's page as a QR code, dark modules on light (the theme's kiosk-qr colours)."""

    def __init__(self, *, id: str | None = None):
        super().__init__("", id=id)
        self.url = ""
        self.lines: tuple[str, ...] = ()

    def show(self, url: str) -> None:
        if url == self.url:
            return
        self.url = url
        try:
            self.lines = qr_lines(url) if url else ()
        except ValueError:  # more than a code can hold (the loader refuses such a url)
            self.lines = ()
        self.update(Text("\n".join(self.lines), no_wrap=True, overflow="crop"))

    @property
    def cells(self) -> tuple[int, int]:
        """Columns and rows it takes."""
        return (len(self.lines[0]) if self.lines else 0, len(self.lines))
