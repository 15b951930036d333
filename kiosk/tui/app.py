"""The Textual shell: asks the core for a snapshot every tick and puts it on screen."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Resize
from textual.geometry import Size

from kiosk.core.actions import act
from kiosk.core.changes import describe
from kiosk.core.live import Live, reconcile
from kiosk.core.model import Programme
from kiosk.core.problems import ProgrammeError
from kiosk.core.settings import Settings
from kiosk.core.timeline import snapshot
from kiosk.core.view import rows, screen, status
from kiosk.core.words import Words
from kiosk.files import statefile
from kiosk.files.clock import Clock
from kiosk.files.loader import load
from kiosk.files.watch import Watch
from kiosk.tui.themes import THEMES
from kiosk.tui.widgets import (
    Banner,
    EventHeader,
    Headline,
    Line,
    NextPanel,
    NowPanel,
    ProgrammeList,
)

TICK = 1.0  # seconds between redraws; the words change per minute, the clock per minute
POLL = 0.5  # seconds between looks at the programme and live state files
STARTED = 0.5  # seconds after mounting: the first frame is out, the start-up is over
SMALL = (60, 20)  # below this width or height the list and footer give way
LARGE = (120, 36)  # from this size on, now and next get big digits
LOOKS = ("before", "during", "walk-in", "break", "drinks", "after")  # view.Screen.look


class KioskApp(App[int]):
    CSS_PATH = "kiosk.tcss"  # beside this file, in the package
    TITLE = "kiosk"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "request_quit", show=False, priority=True),
        Binding("ctrl+c", "ignore", show=False, priority=True),
        Binding("n,right,space", "host('next')", show=False),
        Binding("p,left", "host('previous')", show=False),
        Binding("c", "host('clock')", show=False),
        Binding("plus,equals_sign", "host('later')", show=False),
        Binding("minus,underscore", "host('earlier')", show=False),
        Binding("m", "host('announce')", show=False),
        Binding("u", "host('undo')", show=False),
        Binding("b", "host('blank')", show=False),
        Binding("t", "next_theme", show=False),
        Binding("question_mark", "help", show=False),
    ]

    def __init__(self, settings: Settings, programme: Programme, clock: Clock | None = None):
        # an organiser's stylesheet goes on top of ours (absolute: Textual would read a relative
        # path as relative to this file)
        extra = [settings.css.resolve()] if settings.css is not None else []
        super().__init__(css_path=[Path(__file__).with_name(self.CSS_PATH), *extra])
        self.settings = settings
        self.programme = programme
        self.words = Words(programme.event.language)
        self.clock = clock or Clock(programme.event.timezone, settings.start, settings.speed)
        self.live = Live()
        self.problem: str = ""
        self._programme_watch = Watch(settings.programme_path)
        self._state_watch = Watch(settings.state_path, settle=False)
        for theme in THEMES.values():
            self.register_theme(theme)
        self.theme = settings.theme or "dark"

    # -- building --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # built once and kept: each tick updates these in place
        self.banner, self.header = Banner(id="banner"), EventHeader(id="header")
        self.drift, self.headline = Line(id="drift"), Headline(id="headline")
        self.now_panel, self.next_panel = NowPanel(id="now"), NextPanel(id="next")
        self.listing = ProgrammeList(id="programme")
        self.footer, self.problem_line = Line(id="footer"), Line(id="problem")
        self.status_line = Line(id="status")
        # the first frame is filled in before anything is mounted: the widgets are styled once,
        # with their text, instead of restyled line by line right after
        self.title = self.programme.event.title
        self.main_screen = self.screen  # the classes go here, whatever overlay is on top
        self._read_state()
        self.tick()
        yield self.banner
        yield self.header
        with Vertical(id="body"):
            yield from (self.drift, self.headline, self.now_panel, self.next_panel, self.listing)
        with Vertical(id="bottom"):
            yield from (self.footer, self.problem_line, self.status_line)

    def on_mount(self) -> None:
        # compose drew the first frame; the start-up resize fits the list to its height
        self.set_interval(TICK, self.tick)
        self.set_interval(POLL, self.poll)
        self.set_timer(STARTED, self.started)

    def started(self) -> None:
        """Once drawn: if `kiosk run` held garbage collection off for the start-up, collect
        once, set what start-up built aside from later collections (it lives as long as the
        kiosk, so they need not scan it again) and turn collection back on."""
        if not gc.isenabled():
            gc.collect()
            gc.freeze()
            gc.enable()

    # -- each tick -------------------------------------------------------------------------

    def tick(self) -> None:
        """Draw the snapshot at the clock's time; widgets skip what did not change."""
        snap = snapshot(self.programme, self.live.state, self.clock.now())
        view = screen(snap, self.words)
        self._screen_classes(view.look, view.blank, self.size)
        self.banner.show(view.banner)
        self.header.show(view)
        self.drift.show(view.drift)
        self.headline.show(view)
        self.now_panel.show(view)
        self.next_panel.show(view)
        self.listing.show(rows(snap, self.words, self.listing.capacity))
        self.footer.show(view.footer)
        if not self.settings.follow:  # followers show neither the host's status nor problems
            self.status_line.show(status(snap, self.words, str(self.settings.state_path), False))
            self.problem_line.show(self.problem)

    def _screen_classes(self, look: str, blank: bool, size: Size) -> None:
        """Phase, blank and size as classes of the screen, set in one go: every change of a
        screen class restyles every widget on it."""
        width, height = size
        wanted = {
            "-blank": blank,
            **{f"-{name}": look == name for name in LOOKS},
            "-small": width < SMALL[0] or height < SMALL[1],
            "-tiny": width < 50 or height < 16,
            "-large": width >= LARGE[0] and height >= LARGE[1],
        }
        self.main_screen.update_classes(wanted)  # restyles only if a class really changed

    def poll(self) -> None:
        if self._programme_watch.poll():
            self.reload_programme()
        if self.settings.follow and self._state_watch.poll():
            self._read_state()
            self.tick()

    def on_resize(self, event: Resize) -> None:
        self.tick()  # the size classes at once; the list fills its new height after the layout
        self.call_after_refresh(self.tick)

    # -- files -----------------------------------------------------------------------------

    def reload_programme(self) -> None:
        """Take a settled save if it is valid; otherwise keep the last good one and say why."""
        try:
            new = load(self.settings.programme_path)
        except ProgrammeError as exc:
            first = exc.first
            where = f"{first.file}:{first.line}" if first.line else first.file
            self.problem = self.words("broken", where=where, message=first.message)
            self.tick()
            return
        old, self.programme = self.programme, new
        self.problem = ""
        self.words = Words(new.event.language)
        self.title = new.event.title
        live, gone = reconcile(self.live, new, old)
        if self.settings.follow:
            self.live = live
        else:
            self.notify(self.words("reloaded", what=describe(old, new, self.words)), timeout=4)
            if live is not self.live:
                self._set_live(live)
            if gone:
                self.notify(self.words("item_gone", id=gone), severity="warning", timeout=8)
        self.tick()

    def _read_state(self) -> None:
        try:
            live = statefile.read(self.settings.state_path, keep_aside=not self.settings.follow)
        except statefile.DamagedState as exc:
            live = Live()
            if not self.settings.follow:
                aside = str(exc.aside) if exc.aside else str(self.settings.state_path)
                self.notify(self.words("state_damaged", path=aside), severity="warning", timeout=10)
        live, gone = reconcile(live, self.programme)
        if gone and not self.settings.follow:
            self.notify(self.words("item_gone", id=gone), severity="warning", timeout=8)
            self._set_live(live)
        else:
            self.live = live

    def _set_live(self, live: Live) -> None:
        """A host action: keep it, write it for followers and restarts, redraw now."""
        self.live = live
        if self.settings.follow:
            return
        try:
            statefile.write(self.settings.state_path, live)
        except OSError as exc:
            self.notify(
                self.words("state_unwritable", error=exc.strerror or exc),
                severity="error",
                timeout=8,
            )
        self.tick()

    # -- host keys -------------------------------------------------------------------------

    def action_host(self, what: str) -> None:
        if self.settings.follow:
            return
        live = self.live
        if what == "announce" and not live.state.blank:
            from kiosk.tui.screens import AnnounceScreen  # overlays load when first asked for

            self.push_screen(AnnounceScreen(self.words, live.state.announcement), self._announced)
            return
        if what == "undo" and not live.history and not live.state.blank:
            self.notify(self.words("nothing_to_undo"), timeout=2)
            return
        self._set_live(act(live, self.programme, what, self.clock.now()))

    def _announced(self, text: str | None) -> None:
        if text is not None:
            self._set_live(act(self.live, self.programme, "announce", self.clock.now(), text))

    def action_next_theme(self) -> None:
        names = list(THEMES)
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]

    def action_help(self) -> None:
        from kiosk.tui.screens import HelpScreen

        if self.settings.follow or isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.words))

    def action_request_quit(self) -> None:
        from kiosk.tui.screens import QuitScreen

        if isinstance(self.screen, QuitScreen):
            return
        self.push_screen(QuitScreen(self.words), self._quit_answer)

    def _quit_answer(self, answer: bool | None) -> None:
        if answer:
            self.exit(0)

    def action_ignore(self) -> None:
        """ctrl+c would otherwise tell how to quit; a kiosk keeps quiet."""


def make_app(
    settings: Settings, programme: Programme | None = None, clock: Clock | None = None
) -> KioskApp:
    """The kiosk app for these settings; tests pass a clock they control."""
    if programme is None:
        programme = load(settings.programme_path)
    return KioskApp(settings, programme, clock)
