from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from kiosk.core.view import NowText
from kiosk.tui.widgets.big_count import BigCount
from kiosk.tui.widgets.plain_text import PlainText, hide_if
from kiosk.tui.widgets.progress import Progress
from kiosk.tui.widgets.when_needed import Sizes, WhenNeeded


class NowPanel(Vertical):
    """What is on now: title, speaker, the time left as the biggest text, times, a bar.

    The children are made here, not in compose, so that the first frame can be filled in
    before anything is mounted.
    """

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.label = PlainText(id="now-label", classes="label")
        self.title_line = PlainText(id="now-title", classes="title")
        self.by = PlainText(id="now-by", classes="by")
        # "ronde 2 van 3 · wisselen over 4 min": only programmes with rounds
        self.turn = WhenNeeded(
            lambda: PlainText(id="now-turn", classes="turn"),
            lambda w: self.mount(w, after=self.by),
        )
        self.count = BigCount("now", id="now-count")
        self.times = PlainText(id="now-times", classes="times")
        # in words, where the count does not fit
        self.left = WhenNeeded(
            lambda: PlainText(id="now-left", classes="when"),
            lambda w: self.mount(w, after=self.times),
        )
        self.bar = Progress(total=100, show_eta=False, show_percentage=False, id="now-progress")

    def compose(self) -> ComposeResult:
        yield from (self.label, self.title_line, self.by)
        yield from self.turn.yielded()
        yield from (self.count, self.times)
        yield from self.left.yielded()
        yield self.bar

    def show(self, now: NowText | None, sizes: Sizes) -> None:
        hide_if(self, now is None)
        if now is None:
            return
        self.label.show(now.label)
        self.title_line.show(now.title)
        self.by.show(now.by)
        if (turn := self.turn.needed(now.turn)) is not None:
            turn.show(now.turn)
        self.count.show(now.big, sizes)
        self.times.show(now.times)
        # with a count, the words say the same: they show only where the count does not fit
        if (left := self.left.needed(now.left and (now.big is None or sizes.short))) is not None:
            left.show(now.left)
            left.set_class(now.big is not None, "-counted", update=left.is_attached)
        hide_if(self.bar, now.progress is None)
        # near the end and over time: the count, its words and the bar change colour (the
        # stylesheet's -wrap, -last, -overtime); the words change too, for who sees no colour
        stage = now.stage
        self.update_classes(
            {"-wrap": stage == "wrap", "-last": stage == "last", "-overtime": stage == "over"},
            update=self.is_attached,
        )
        percent = round((now.progress or 0) * 100)
        if self.bar.progress != percent:
            self.bar.update(progress=percent)
