"""The Textual shell: programme, live state and problem as reactive attributes; the screen
follows from them and the clock. The files around it (files/service.py) are read in a thread
and written by a worker, off the event loop."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import work
from textual._time import get_time
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.drivers.linux_driver import LinuxDriver
from textual.events import Resize, ScreenResume
from textual.geometry import Size
from textual.message import Message
from textual.messages import Layout, Update
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from kiosk.core.actions import Action, act
from kiosk.core.bell import rings
from kiosk.core.listing import paged, rows
from kiosk.core.live import Live, State, reconcile
from kiosk.core.logbook import RELOAD, Logged
from kiosk.core.model import Programme
from kiosk.core.settings import Settings
from kiosk.core.text import displayable
from kiosk.core.timeline import AFTER, Snapshot
from kiosk.core.tracks import Tracks
from kiosk.core.view import Look, board, host_mark
from kiosk.core.words import Words
from kiosk.files.clock import Clock
from kiosk.files.loader import load
from kiosk.files.service import KioskFiles
from kiosk.tui.driver import KioskDriver
from kiosk.tui.keys import BINDINGS
from kiosk.tui.themes import THEMES
from kiosk.tui.widgets import (
    EventHeader,
    NextPanel,
    NowPanel,
    PlainText,
    ProgrammeList,
    Sizes,
    WhenNeeded,
)

if TYPE_CHECKING:  # only a follower of another machine has one: not loaded at every start
    from textual.driver import Driver

    from kiosk.core.remote import Remote
    from kiosk.files.mirror import Mirror
    from kiosk.tui.messages import (
        ParentGone,
        ProgrammeLoaded,
        ProgrammeRefused,
        StateRead,
        StateWritten,
    )
    from kiosk.tui.widgets.banner import Banner
    from kiosk.tui.widgets.headline import Headline
    from kiosk.tui.widgets.qr_code import QrCode

TICK = 1.0  # seconds between redraws; the words change per minute, the clock per minute
POLL = 0.5  # seconds between scans of the programme and live state files
STARTED = 0.5  # seconds after mounting: the first frame is out, the start-up is over
NOTE = 6.0  # seconds a note after a host key stays
SMALL = (60, 20)  # below this width or height the list and footer give way
LARGE = (120, 36)  # from this size on, NOW's time left grows in blocks
SHORT = 12  # below this height the time left is said in words, not big digits


def _banner() -> Banner:
    from kiosk.tui.widgets.banner import Banner  # made for the first announcement

    return Banner(id="banner")


def _headline() -> Headline:
    from kiosk.tui.widgets.headline import Headline  # made before the doors, in a gap, after

    return Headline(id="headline")


def _qr_code() -> QrCode:
    from kiosk.tui.widgets.qr_code import QrCode  # loaded for a programme with a page only

    return QrCode(id="qr")


class BoardScreen(Screen[None]):
    """The kiosk's own screen: the board, under any overlay."""

    def _on_screen_resume(self, event: ScreenResume) -> None:
        if self._drawn_at > float("-inf"):
            return  # Screen's own handler follows (Textual calls each class's handler)
        # The first resume, right after mounting: Screen's handler would restyle every widget
        # (each was styled as it mounted), lay out and draw the first frame, then ask for the
        # whole screen to be drawn again and the toasts, none yet, to be laid out again; and
        # each widget, sized for the first time, asks for a layout and a repaint of its own. A
        # second frame the same as the first: some 25 ms of every start and 12 KB to each
        # terminal and browser. The handler's work without the repeats:
        event.prevent_default()
        self.stack_updates += 1
        if self.app._notifications:
            self.app._refresh_notifications()
        self._update_auto_focus()
        self._refresh_layout(self.app.size)
        self._drawn_at = get_time()
        for widget in self.walk_children(Widget, with_self=True):  # the frame has what they ask
            widget._layout_required = widget._repaint_required = False

    _drawn_at = float("-inf")  # when the first frame was drawn (Textual's clock of messages)

    async def _on_layout(self, message: Layout) -> None:
        self._drawn_before(message)

    async def _on_update(self, message: Update) -> None:
        self._drawn_before(message)

    def _drawn_before(self, message: Message) -> None:
        if message.time <= self._drawn_at:  # asked before the first frame, which has it
            message.stop()
            message.prevent_default()  # (Screen's own handler would lay out or draw again)

    def _screen_resized(self, size: Size) -> None:
        # The terminal's first Resize comes right after the first frame was laid out at its
        # size: a second layout of every widget at the same size would change nothing
        if size != self._size:
            super()._screen_resized(size)


class KioskApp(App[int]):
    CSS_PATH = "kiosk.tcss"  # beside this file, in the package
    VIEW_CSS: tuple[str, ...] = ()  # a view's own stylesheets, beside this one, read after it
    TITLE = "kiosk"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = BINDINGS

    # What the screen is a function of, with the clock. Set in __init__ with set_reactive (the
    # first frame is drawn in compose); every later change redraws through the watchers.
    programme: var[Programme] = var(cast(Programme, None), init=False, always_update=True)
    live: var[Live] = var(Live(), init=False)
    problem: var[str] = var("", init=False)  # the last refused save, said for the host
    unwritable: var[str] = var("", init=False)  # why the state file cannot be written, if so

    def __init__(
        self,
        settings: Settings,
        programme: Programme,
        clock: Clock | None = None,
        mirror: Mirror | None = None,
        files: KioskFiles | None = None,
    ):
        # an organiser's stylesheet goes on top of ours (absolute: Textual would read a relative
        # path as relative to this file)
        extra = [settings.css.resolve()] if settings.css is not None else []
        ours = [Path(__file__).with_name(name) for name in (self.CSS_PATH, *self.VIEW_CSS)]
        super().__init__(css_path=[*ours, *extra])
        self.settings = settings
        self.clock = clock or Clock(programme.event.timezone, settings.start, settings.speed)
        self.words = Words(programme.event.language)
        self.mirror = mirror  # --follow URL: the copies of a host on another machine
        # the files it follows and writes, and the process's end (kiosk run builds its own)
        self.files = files or KioskFiles(settings)
        self._leaving = False
        self._tracks: Tracks | None = None
        self._before: Snapshot | None = None  # the last tick's snapshot: what the bell compares
        self._hint = False  # the first-use hint shows until the host's first key
        self._note_timer: Timer | None = None
        # the poll's scan, while it runs; it answers the host's actions from elsewhere
        self._scanning: asyncio.Task[tuple[Remote, ...]] | None = None
        # (message, severity) to show once running
        self._notes: list[tuple[str, SeverityLevel]] = []
        self.set_reactive(KioskApp.programme, programme)
        # read before the event loop runs: the first frame shows the host's place
        self.set_reactive(KioskApp.live, self._start_live())
        fresh = self.live.state == State() and not self.live.history
        self._hint = fresh and not settings.follow
        for theme in THEMES.values():
            self.register_theme(theme)
        # our theme before the stylesheet is first parsed: no second parse and restyle
        self.set_reactive(App.theme, settings.theme or "dark")
        self._theme_chosen = True
        self.stylesheet.set_variables(self.get_css_variables())
        dark = self.current_theme.dark
        self.update_classes({"-dark-mode": dark, "-light-mode": not dark}, update=False)

    _theme_chosen = False  # Textual's constructor asks for its default theme's variables

    def get_css_variables(self) -> dict[str, str]:
        # before the kiosk's theme is set, no variables: they would be made for a theme the
        # kiosk never shows (about 2 ms of each start); the stylesheet is parsed after it
        return super().get_css_variables() if self._theme_chosen else {}

    def _start_live(self) -> Live:
        """The live state a (re)start resumes from; a damaged file is kept aside and said."""
        start = self.files.start(self.programme, self.clock.now())
        if not self.settings.follow:  # followers say nothing: the host's screen does
            if start.aside is not None:
                self._notes.append((self.words("state_damaged", path=start.aside), "warning"))
            if start.gone:
                self._notes.append((self.words("item_gone", id=start.gone), "warning"))
        return start.live

    # -- building --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # built once and kept: each tick updates these in place
        self.header = EventHeader(id="header")
        self.now_panel, self.next_panel = NowPanel(id="now"), NextPanel(id="next")
        self.listing = ProgrammeList(id="programme")
        self.footer = PlainText(id="footer")
        # the host's own chrome, small: a note after each key, and a mark of who steers
        self.note_line, self.status_line = PlainText(id="note"), PlainText(id="status")
        self.body, self.bottom = Vertical(id="body"), Vertical(id="bottom")
        self.main_screen = self.screen  # the classes go here, whatever overlay is on top
        # what most screens never show is made the first time it has something to show
        screen = self.main_screen
        self.banner = WhenNeeded(_banner, lambda w: screen.mount(w, before=self.header))
        self.drift = WhenNeeded(
            lambda: PlainText(id="drift"), lambda w: self.body.mount(w, before=0)
        )
        self.headline = WhenNeeded(_headline, lambda w: self.body.mount(w, before=self.now_panel))
        self.problem_line = WhenNeeded(
            lambda: PlainText(id="problem"), lambda w: self.bottom.mount(w, after=self.footer)
        )
        # blank: one faint sign that the kiosk lives
        self.blank_mark = WhenNeeded(lambda: PlainText(id="blank-mark"), screen.mount)
        # the event's page, on large screens and after the close: made only for a programme
        # with a url, later if a save adds one
        self.qr = WhenNeeded(_qr_code, lambda w: self.body.mount(w))
        # the first frame is filled in before anything is mounted: the widgets are styled once,
        # with their text, instead of restyled line by line right after
        self.title = displayable(self.programme.event.title)
        self._show_qr(self.programme.event.url)
        self.tick()
        yield from self.banner.yielded()
        yield self.header
        with self.body:
            yield from self.drift.yielded()
            yield from self.headline.yielded()
            yield from (self.now_panel, self.next_panel, self.listing)
            yield from self.qr.yielded()
        with self.bottom:
            yield self.footer
            yield from self.problem_line.yielded()
            with Horizontal(id="host-bar"):
                yield from (self.note_line, self.status_line)
        yield from self.blank_mark.yielded()

    def on_mount(self) -> None:
        # compose drew the first frame; the start-up resize fits the list to its height
        self.set_interval(TICK, self.tick)
        self.set_interval(POLL, self._poll_timer)
        self.set_timer(STARTED, self.files.started)  # collection back on, once drawn
        for message, severity in self._notes:
            self.notify(message, severity=severity, timeout=10)
        self._notes.clear()
        # signals and a stuck exit (files/lifetime.py); the orderly exit on the event loop
        self.files.serve(self._leave, asyncio.get_running_loop())
        driver = self._driver
        if isinstance(driver, KioskDriver):  # a terminal that goes ends the kiosk
            driver.on_gone = self.end
            if driver.gone:
                self.end()

    def get_default_screen(self) -> Screen[None]:
        return BoardScreen(id="_default")

    def get_driver_class(self) -> type[Driver]:
        found = super().get_driver_class()
        if found is LinuxDriver:  # a real terminal (a browser's or a test's driver as it is)
            return KioskDriver
        return found

    def end(self) -> None:
        """Decide to end (from any thread): the last host action on disk, the terminal
        restored, exit 0; with a lifetime, the process is gone within its grace."""
        self.files.end()  # which asks for _leave

    def _leave(self) -> None:
        if not self._leaving:
            self._leaving = True
            self.run_worker(self._flush_and_exit())

    async def _flush_and_exit(self) -> None:
        await self.flush()
        self.exit(0)

    # -- what the screen follows -----------------------------------------------------------

    @property
    def tracks(self) -> Tracks:
        """The timelines of the current programme and live state, built once for both."""
        found = self._tracks
        if found is None or found.programme is not self.programme or found.state != self.live.state:
            found = self._tracks = Tracks(self.programme, self.live.state, self.settings.room)
        return found

    def watch_programme(self, programme: Programme) -> None:
        self.words = Words(programme.event.language)
        self.title = displayable(programme.event.title)
        self._show_qr(programme.event.url)
        self.tick()

    def _show_qr(self, url: str | None) -> None:
        if (qr := self.qr.needed(url)) is not None:
            qr.show(url or "")

    def watch_live(self, live: Live) -> None:
        if not self.settings.follow:
            self.files.live = live
            self._write_state()
        self.tick()

    def watch_problem(self, problem: str) -> None:
        if not self.settings.follow and (line := self.problem_line.needed(problem)) is not None:
            line.show(problem)

    # -- each tick -------------------------------------------------------------------------

    def tick(self) -> None:
        """Draw the snapshot at the clock's time; widgets skip what did not change."""
        snap = self.tracks.snapshot(self.clock.now())
        if rings(self._before, snap) and not self.settings.quiet:
            self.ring()
        self._before = snap
        room = self.settings.room
        shown = board(snap, self.words, room)
        sizes = self._screen_classes(shown.look, shown.blank, self.size)
        if (banner := self.banner.needed(shown.banner)) is not None:
            banner.show(shown.banner)
        self.header.show(shown.header, sizes)
        if (drift := self.drift.needed(shown.drift)) is not None:
            drift.show(shown.drift)
        if (headline := self.headline.needed(shown.headline)) is not None:
            headline.show(shown.headline, sizes)
        self.now_panel.show(shown.now, sizes)
        self.next_panel.show(shown.next)
        fit = self.listing.capacity
        self.listing.show(paged(rows(snap, self.words, fit, room), fit, snap.at, self.words))
        self.footer.show(shown.footer)
        mark = shown.header.clock if shown.blank else ""
        if (blank_mark := self.blank_mark.needed(mark)) is not None:
            blank_mark.show(mark)
        self._show_host_chrome(snap)

    def _show_host_chrome(self, snap: Snapshot) -> None:
        """The small lines at the bottom: the host's mark and first hint, a follower's mark
        that its host is out of reach."""
        if self.mirror is not None:  # the one mark a follower has: its host is out of reach
            self.status_line.show("" if self.mirror.connected else self.words("mark_offline"))
        if not self.settings.follow:  # followers show neither the host's mark nor problems
            self.status_line.show(host_mark(snap, self.words, self.unwritable))
            if self._hint and snap.phase != AFTER:  # before the first key: what it does
                self.note_line.show(self.words("first_hint"))

    def _screen_classes(self, look: Look, blank: bool, size: Size) -> Sizes:
        """Phase, blank and size as classes of the screen, set in one go: every change of a
        screen class restyles every widget on it. Returns which parts shown only at some sizes
        the screen shows now (all of them with an organiser's look: it may show any)."""
        width, height = size
        wanted = {
            "-blank": blank,
            **{f"-{name}": look == name for name in Look},
            "-small": width < SMALL[0] or height < SMALL[1],
            "-tiny": width < 50 or height < 16,
            "-short": height < SHORT,  # no room for the big count: its words instead
            "-large": width >= LARGE[0] and height >= LARGE[1],
            "-qr": self._qr_fits(look, size),
        }
        self.main_screen.update_classes(wanted)  # restyles only if a class really changed
        any_look = self.settings.css is not None
        return Sizes(large=wanted["-large"] or any_look, short=wanted["-short"] or any_look)

    def _qr_fits(self, look: Look, size: Size) -> bool:
        """The event's page as a QR code: on large screens beside the rest (which keeps at
        least 80 columns), after the close below the thanks (header, thanks and footer keep
        their rows)."""
        if self.qr.widget is None:
            return False
        columns, rows = self.qr.widget.cells
        if not rows:
            return False
        if look == Look.AFTER:
            return size.width >= columns + 4 and size.height >= rows + 9  # (24 for 15)
        large = size.width >= LARGE[0] and size.height >= LARGE[1]
        return large and size.width >= columns + 84 and size.height >= rows + 8

    def on_resize(self, event: Resize) -> None:
        self.tick()  # the size classes at once; the list fills its new height after the layout
        self.call_after_refresh(self.tick)

    # -- files, off the event loop ---------------------------------------------------------

    def _poll_timer(self) -> None:
        self.poll()  # not awaited by the timer: a fault in a scan is said (_scanned), not raised

    def poll(self) -> asyncio.Task[tuple[Remote, ...]]:
        """The poll timer: scan the files in a thread. While a scan still runs (a
        10,000-item programme takes a while to read), that one is the answer: scans never
        overlap. (A plain thread, not a Textual worker: twice a second, a worker's state
        messages cost a fifth more idle CPU.)"""
        if self.unwritable and not self.settings.follow:
            self._write_state()  # again, until it works: the host sees why until then
        if self._scanning is None or self._scanning.done():
            self._scanning = asyncio.create_task(asyncio.to_thread(self._scan_files))
            self._scanning.add_done_callback(self._scanned)
        return self._scanning

    def _scan_files(self) -> tuple[Remote, ...]:
        # what a look found is told the screen as messages (loaded by the first look, after
        # the first frame)
        from kiosk.tui.messages import ParentGone, ProgrammeLoaded, ProgrammeRefused, StateRead

        found = self.files.look(self.programme)
        if found.programme is not None:
            self.post_message(ProgrammeLoaded(found.programme))
        if found.refused is not None:
            self.post_message(ProgrammeRefused(found.refused))
        driver = self._driver
        if isinstance(driver, KioskDriver) and driver.terminal_gone():
            self.end()  # a hangup that sent no signal here (the kiosk not the terminal's own)
        if found.parent_gone:
            self.post_message(ParentGone())
        if found.state is not None:
            self.post_message(StateRead(found.state))
        return found.remote

    def _scanned(self, task: asyncio.Task[tuple[Remote, ...]]) -> None:
        # a fault while scanning is said, not raised: the screen stays on
        if task.cancelled():
            return
        if (error := task.exception()) is not None:
            self.notify(str(error), severity="error", timeout=8)
            return
        # the host's actions from elsewhere (kiosk serve --control), here on the event loop
        # and before anything awaits the scan: in order with the keys, each once
        for remote in task.result():
            self._act(remote.action, remote.text, remote.room)

    def on_programme_loaded(self, message: ProgrammeLoaded) -> None:
        """Take a valid save; keep the host's place in it."""
        new, old = message.programme, self.programme
        live, gone = reconcile(self.live, new, old)
        if live.state != self.live.state:  # a renamed part keeps its place: the log says so
            self._log_change(RELOAD, live)
        self.problem = ""
        self.programme = new
        self.live = live
        if not self.settings.follow:
            from kiosk.core.changes import describe  # loaded when first needed, not at start

            self.notify(self.words("reloaded", what=describe(old, new, self.words)), timeout=4)
            if gone:
                self.notify(self.words("item_gone", id=gone), severity="warning", timeout=8)

    def on_programme_refused(self, message: ProgrammeRefused) -> None:
        first = message.problem
        where = f"{first.file}:{first.line}" if first.line else first.file
        self.problem = self.words("broken", where=where, message=first.message)

    def on_state_read(self, message: StateRead) -> None:
        self.live, _ = reconcile(message.live, self.programme)

    def on_parent_gone(self, message: ParentGone) -> None:
        self.end()

    def _write_state(self) -> None:
        if self.files.unwritten:
            self._write_worker()

    @work(thread=True, group="state", exit_on_error=False)
    def _write_worker(self) -> None:
        from kiosk.tui.messages import StateWritten

        self.files.write(lambda error: self.post_message(StateWritten(error)))

    def on_state_written(self, message: StateWritten) -> None:
        if message.error and message.error != self.unwritable:  # said once; it stays in view
            self.notify(
                self.words("state_unwritable", error=message.error), severity="error", timeout=8
            )
        self.unwritable = message.error

    def watch_unwritable(self, error: str) -> None:
        self.tick()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # a fault in a worker is said, not raised: the screen stays on
        if event.state == WorkerState.ERROR:
            self.notify(str(event.worker.error), severity="error", timeout=8)

    async def flush(self) -> None:
        """Wait until the files are scanned and the state file written: before quitting (a
        scan may bring actions from elsewhere, whose state is then written too)."""
        if self._scanning is not None:
            with contextlib.suppress(Exception):  # a failed scan was said when it failed
                await self._scanning
        writes = [w for w in self.workers if w.group == "state"]
        if writes:  # (an empty list would wait for every worker)
            await self.workers.wait_for_complete(writes)

    # -- host keys -------------------------------------------------------------------------

    def action_host(self, word: str) -> None:
        if self.settings.follow:
            return
        what, live = Action(word), self.live
        if what == Action.ANNOUNCE and not live.state.blank:
            from kiosk.tui.screens import AnnounceScreen  # overlays load when first asked for

            self.push_screen(AnnounceScreen(self.words, live.state.announcement), self._announced)
            return
        if what == Action.STAGE_MESSAGE:  # the hall never shows it: also on a blank screen
            from kiosk.tui.screens import StageMessageScreen

            self.push_screen(StageMessageScreen(self.words, live.state.stage_message), self._staged)
            return
        if what == Action.UNDO and not live.history and not live.state.blank:
            self.show_note(self.words("nothing_to_undo"))
            return
        self._act(what)

    def _act(self, what: Action, text: str | None = None, room: str | None = "") -> None:
        """The host's action on the screen they see, and the note that says what it did.
        `room`: an action from elsewhere names the track it steers (None: the hall's)."""
        from kiosk.core.notes import note  # loaded with the first key, not at start

        def screen() -> Tracks:  # the track the action is on
            if room == "" or room == self.settings.room:
                return self.tracks
            known = room if room in self.programme.event.rooms else None
            return Tracks(self.programme, self.live.state, known)

        now, before = self.clock.now(), self.live
        after = act(before, screen().at(now), what, now, text)
        if after.state != before.state:  # the log of the day, written with the state
            self._log_change(what, after)
        self.live = after
        self.show_note(note(what, before, self.live, screen().at(now), now, self.words))

    def _log_change(self, action: str, live: Live) -> None:
        """A change of the host's live state for the day's log (kiosk report)."""
        self.files.log(Logged(self.clock.now(), action, live.state))

    def show_note(self, text: str) -> None:
        """The note after a host key: for a few seconds, then the line is empty again."""
        self._hint = False
        self.note_line.show(displayable(text))
        if self._note_timer is not None:
            self._note_timer.stop()
        self._note_timer = self.set_timer(NOTE, self.clear_note)

    def clear_note(self) -> None:
        self.note_line.show("")

    def _announced(self, text: str | None) -> None:
        if text is not None:
            self._act(Action.ANNOUNCE, text)

    def _staged(self, text: str | None) -> None:
        if text is not None:
            self._act(Action.STAGE_MESSAGE, text)

    def action_next_theme(self) -> None:
        names = list(THEMES)
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]
        if not self.settings.follow:
            self.show_note(self.words("note_theme", name=self.theme))

    def action_help(self) -> None:
        from kiosk.tui.screens import HelpScreen

        if self.settings.follow or isinstance(self.screen, HelpScreen):
            return
        from kiosk.core.notes import would

        now = self.clock.now()
        timeline = self.tracks.at(now)
        self.push_screen(
            HelpScreen(
                self.words,
                next_does=would(Action.NEXT, self.live, timeline, now, self.words),
                prev_does=would(Action.PREVIOUS, self.live, timeline, now, self.words),
                state=self.words("state_file", path=str(self.settings.state_path)),
            )
        )

    def action_request_quit(self) -> None:
        from kiosk.tui.screens import QuitScreen

        if self.settings.served or isinstance(self.screen, QuitScreen):
            return  # a browser tab cannot quit its kiosk: the page would go dead
        self.push_screen(QuitScreen(self.words), self._quit_answer)

    def _quit_answer(self, answer: bool | None) -> None:
        if answer:
            self.end()

    def ring(self) -> None:
        """The terminal's bell (a browser display plays a sound for it). Textual's `bell` is
        silent when headless; this one goes to whichever driver draws the screen."""
        if self._driver is not None:
            self._driver.write("\a")

    def action_redraw(self) -> None:
        self.screen.refresh()

    def action_ignore(self) -> None:
        """ctrl+c does nothing in a kiosk."""


def make_app(
    settings: Settings,
    programme: Programme | None = None,
    clock: Clock | None = None,
    mirror: Mirror | None = None,
    files: KioskFiles | None = None,
) -> KioskApp:
    """The kiosk app for these settings; tests pass a clock they control."""
    if programme is None:
        programme = load(settings.programme_path)
    if settings.view == "stage":  # the speaker's screen: its widgets only, loaded only for it
        from kiosk.tui.stage import StageApp

        return StageApp(settings, programme, clock, mirror, files)
    return KioskApp(settings, programme, clock, mirror, files)
