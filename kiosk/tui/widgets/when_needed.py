"""A widget made the first time it has something to show, then kept."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, NamedTuple, TypeVar

from textual.widget import Widget

W = TypeVar("W", bound=Widget)


class WhenNeeded(Generic[W]):
    """A part most screens never show (the announcement, the gap's countdown, the drift, a
    problem): every widget costs each start its styling, layout and memory, so this one is
    made when it first has something to show and kept from then on (the tree is still built
    once: it only grows).

    `place` puts a widget made after its parent composed; one made before is yielded by the
    parent's compose (`yielded`).
    """

    def __init__(self, make: Callable[[], W], place: Callable[[W], object]) -> None:
        self._make, self._place = make, place
        self.widget: W | None = None
        self.composed = False  # set once the parent's compose has passed its place

    def needed(self, value: object) -> W | None:
        """The widget, made now if `value` is something to show; None while there has never
        been anything to show."""
        return self.get() if value or self.widget is not None else None

    def get(self) -> W:
        if self.widget is None:
            self.widget = self._make()
            if self.composed:
                self._place(self.widget)
        return self.widget

    def yielded(self) -> Iterator[W]:
        """For the parent's compose, at the part's place: the widget if it was made before
        (the first frame is filled in before anything is mounted); one made from now on is
        placed by `place`."""
        if self.widget is not None:
            yield self.widget
        self.composed = True


class Sizes(NamedTuple):
    """Which of the parts shown only at some sizes the screen can show now: such a part is made
    the first time it is shown. An organiser's look (--css) may show any of them at any size:
    with one, both are true from the start."""

    large: bool = False  # NOW's time left in blocks, the header's big clock and subtitle
    short: bool = False  # NOW's time left in words: the big count does not fit
