"""What the host's overlays share: their look, read the first time one opens."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from textual.screen import ModalScreen

R = TypeVar("R")


class Dialog(ModalScreen[R]):
    """An overlay for the host. Its stylesheet is the class's default CSS, so that it is parsed
    when the first overlay opens, not at every start, and an organiser's look overrides it."""

    DEFAULT_CSS = Path(__file__).with_name("dialogs.tcss").read_text(encoding="utf-8")
    SCOPED_CSS = False  # the rules name the overlays' own parts, and ModalScreen itself
