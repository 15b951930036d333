"""The speaker's screen (`--view stage`): the kiosk app with a screen of its own. Only its
widgets are built (the hall's are not), and its stylesheet is read on top of the kiosk's."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from kiosk.core.model import Programme
from kiosk.core.stage import stage_board
from kiosk.core.text import displayable
from kiosk.core.words import Words
from kiosk.tui.app import KioskApp
from kiosk.tui.widgets.plain_text import PlainText
from kiosk.tui.widgets.stage_count import StageCount
from kiosk.tui.widgets.when_needed import WhenNeeded


class StageApp(KioskApp):
    """The time left fills the screen, in the wrap-up's colours, flashing softly over time;
    the title, what comes next and the clock small; the host's message to the stage large."""

    VIEW_CSS = ("stage.tcss",)  # after the kiosk's, before an organiser's --css (on top)

    def compose(self) -> ComposeResult:
        self.message = PlainText(id="stage-message")
        self.stage_count = StageCount(id="stage-count")
        self.stage_title = PlainText(id="stage-title")
        self.stage_clock = PlainText(id="stage-clock")
        self.stage_next = PlainText(id="stage-next")
        self.note_line, self.status_line = PlainText(id="note"), PlainText(id="status")
        bottom, host_bar = Vertical(id="bottom"), Horizontal(id="host-bar")
        self.problem_line = WhenNeeded(
            lambda: PlainText(id="problem"), lambda w: bottom.mount(w, before=host_bar)
        )
        self.title = displayable(self.programme.event.title)
        self.tick()
        with Vertical(id="stage"):
            yield self.message
            yield self.stage_count
            with Horizontal(id="stage-foot"):
                yield from (self.stage_title, self.stage_clock)
            yield self.stage_next
        with bottom:
            yield from self.problem_line.yielded()
            with host_bar:
                yield from (self.note_line, self.status_line)

    def watch_programme(self, programme: Programme) -> None:
        self.words = Words(programme.event.language)
        self.title = displayable(programme.event.title)
        self.tick()

    def tick(self) -> None:
        """Draw the speaker's screen at the clock's time. It has no bell (a beep at the
        lectern interrupts the talk) and no blank (the room's screen goes black, not the
        speaker's)."""
        snap = self.tracks.snapshot(self.clock.now())
        shown = stage_board(snap, self.words, self.settings.room, self.live.state.stage_message)
        self.message.show(shown.message)
        self.stage_count.show(shown.big)
        stage = shown.stage
        update = self.stage_count.is_mounted
        self.stage_count.update_classes(
            {"-wrap": stage == "wrap", "-last": stage == "last", "-over": stage == "over"},
            update=update,
        )
        # over time the count flashes softly: its digits at half strength every other second
        # (a tinted background would take the words below their contrast); the clock's
        # seconds, not a timer's, so that a screen on a clock that stands stands still
        beat = int(snap.at.timestamp() / self.clock.speed) % 2
        self.stage_count.fade(stage == "over" and beat == 1)
        self.stage_title.show(shown.title)
        self.stage_clock.show(shown.clock)
        self.stage_next.show(shown.next)
        self._show_host_chrome(snap)  # a host at the stage's screen: the same small chrome
