"""The command line: kiosk [run] | check | now | serve. Errors are one line each, no traceback."""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: `kiosk check` and `now` load no Textual
    from kiosk.core.model import Programme
    from kiosk.core.settings import Settings
    from kiosk.files.mirror import Mirror
    from kiosk.files.service import KioskFiles

COMMANDS = ("run", "check", "now", "import", "serve", "report")


class Refused(Exception):
    """A user mistake on the command line, said in one line."""


class Rejected(Exception):
    """The programme file was refused; its problems are already printed."""


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line; given the `command`, only its part (argparse takes milliseconds to
    build each, and every start of a kiosk would pay for all six)."""

    def wanted(name: str) -> bool:
        return command is None or command == name

    parser = argparse.ArgumentParser(
        prog="kiosk", description="Show an event's programme on a screen in the venue."
    )
    sub = parser.add_subparsers(dest="command", metavar="{run,check,now,import,serve,report}")

    def programme_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "programme",
            nargs="?",
            default=None,  # programme.yaml, filled in by main (--follow URL takes none)
            help="the programme file (default: ./programme.yaml)",
        )

    def display_args(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--at",
            metavar="WHEN",
            help="start the clock at HH:MM on the event's day, or an ISO date-time",
        )
        p.add_argument(
            "--speed",
            type=float,
            default=1.0,
            metavar="N",
            help="run the clock N times as fast (rehearsal)",
        )
        p.add_argument("--theme", metavar="NAME", help="dark, light or contrast")
        p.add_argument("--css", metavar="FILE", help="an extra stylesheet for the event's look")
        p.add_argument(
            "--state",
            metavar="PATH",
            help="the live state file (default: beside the programme, programme.state.json)",
        )
        p.add_argument(
            "--quiet", action="store_true", help="no bell (breaks ending, running over, turns)"
        )
        room_arg(p)
        p.add_argument(
            "--view",
            choices=("hall", "stage"),
            default="hall",
            help="hall: the room's screen (default); stage: the speaker's, the time left big",
        )

    def room_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--room", metavar="NAME", help="the screen at a room's door (one of event.rooms)"
        )

    if wanted("run"):
        run = sub.add_parser("run", help="the kiosk display (the default)")
        programme_arg(run)
        display_args(run)
        run.add_argument(
            "--follow",
            nargs="?",
            const=True,
            default=False,
            metavar="URL",
            help="follow the host's live state; host keys do nothing. With the URL of a kiosk "
            "serve (http://HOST:PORT/): follow that host from another machine, no programme file",
        )
        # a browser tab's follower, started by kiosk serve: no quit, and it ends with the server
        run.add_argument("--served", action="store_true", help=argparse.SUPPRESS)

    if wanted("check"):
        check = sub.add_parser("check", help="validate the programme and print it as a table")
        programme_arg(check)

    if wanted("now"):
        now = sub.add_parser("now", help="what is on now and next")
        programme_arg(now)
        now.add_argument("--at", metavar="WHEN")
        now.add_argument("--state", metavar="PATH")
        room_arg(now)
        now.add_argument("--json", action="store_true", help="one JSON object")

    if wanted("report"):
        report = sub.add_parser("report", help="planned against actual, from the host's log")
        programme_arg(report)
        report.add_argument("--state", metavar="PATH", help="the live state whose log to read")
        report.add_argument(
            "--at", metavar="WHEN", help="the report as it stood then (default: now)"
        )
        report.add_argument("--csv", action="store_true", help="one row a part, for a spreadsheet")

    if wanted("import"):
        imp = sub.add_parser(
            "import",
            help="a schedule (pretalx, frab, Pentabarf, iCalendar) as a programme.yaml",
            description="Write a programme.yaml from a schedule. It reads, knowing each by its "
            "content: a pretalx or frab schedule.json; a frab, pretalx or Pentabarf (FOSDEM) "
            "schedule.xml; an iCalendar file (.ics, from Google Calendar, Nextcloud or Outlook). "
            "Exit 0: written and it passes check; 1: refused, nothing written; "
            "3: written, but it does not pass check (the problems are listed, by line).",
        )
        imp.add_argument("schedule", metavar="SCHEDULE", help="schedule.json, schedule.xml or .ics")
        imp.add_argument(
            "-o", "--output", metavar="FILE", help="write the programme here (default: print it)"
        )
        imp.add_argument(
            "--timezone",
            metavar="ZONE",
            help="the event's timezone, like Europe/Berlin, for an export that names none",
        )
        imp.add_argument(
            "--rooms",
            metavar="A,B,C",
            help="only these rooms of the schedule, in this order (the venue's stages)",
        )

    if wanted("serve"):
        serve = sub.add_parser("serve", help="the same display in a browser, as a follower")
        programme_arg(serve)
        display_args(serve)
        serve.add_argument(
            "--host",
            default="127.0.0.1",
            help="address to listen on (default: loopback; another lets the network watch)",
        )
        serve.add_argument(
            "--port", type=int, default=8000, help="port (default: 8000; 0: any free one)"
        )
        serve.add_argument(
            "--max-screens",
            type=int,
            default=50,
            metavar="N",
            help="at most this many browser screens at once (default: 50; screens of one room, "
            "theme and size share one kiosk process)",
        )
        serve.add_argument(
            "--control",
            action="store_true",
            help="let the host steer over HTTP too: POST /api/act and a phone remote at /host, "
            "with a token kept beside the state file (made at the first start)",
        )
        serve.add_argument(
            "--cells",
            default="80x24",
            metavar="COLSxROWS",
            help="the grid a browser's font is sized for (default: 80x24, a TV across a hall)",
        )
    return parser


def main(argv: list[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help")):
        args_list.insert(0, "run")
    command = args_list[0] if args_list[0] in COMMANDS else None  # None: --help, all of them
    args = _parser(command).parse_args(args_list)
    # --follow URL takes no programme; `--follow FILE` is that programme (cmd_run)
    named = isinstance(getattr(args, "follow", None), str)
    if getattr(args, "programme", "") is None and not named:
        args.programme = "programme.yaml"
    try:
        return COMMAND_FUNCS[args.command](args)
    except Refused as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 2
    except Rejected:
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `kiosk report | head`: the reader has what it wanted
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _load(path: str) -> Programme:
    from kiosk.core.problems import ProgrammeError
    from kiosk.files.loader import load

    try:
        return load(path)
    except ProgrammeError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        raise Rejected from None


def _when(text: str | None, programme: Programme) -> datetime | None:
    from kiosk.core.times import TimeError, is_evening, parse_when

    if text is None:
        return None
    # an evening's small hours are the night after, by the planner's rule
    first = programme.items[0].start
    evening = is_evening(first.hour * 60 + first.minute)
    try:
        return parse_when(text, programme.event.date, programme.event.timezone, evening)
    except TimeError as exc:
        raise Refused(f"--at: {exc}") from None


def _room(args: argparse.Namespace, programme: Programme) -> str | None:
    """--room, as one of the programme's rooms."""
    room: str | None = getattr(args, "room", None)
    rooms = programme.event.rooms
    if room is None or room in rooms:
        return room
    if not rooms:
        raise Refused(f"--room: {programme.source} has no rooms (event.rooms)")
    from kiosk.core.problems import did_you_mean

    hint = did_you_mean(room, rooms)
    raise Refused(f"--room: '{room}' is not one of: {', '.join(rooms)}{hint}")


def state_path(args: argparse.Namespace) -> Path:
    """--state, or beside the programme; a rehearsal (`run`/`serve` with --at or --speed) has a
    file of its own, so the day itself does not start where a rehearsal left off."""
    from kiosk.files.statefile import default_path

    if args.state:
        return Path(args.state)
    rehearsal = hasattr(args, "speed") and (args.at is not None or args.speed != 1.0)
    return default_path(args.programme, rehearsal=rehearsal)


def cmd_check(args: argparse.Namespace) -> int:
    from kiosk.core.printout import table

    print(table(_load(args.programme)))
    return 0


def cmd_now(args: argparse.Namespace) -> int:
    from kiosk.core.live import reconcile
    from kiosk.core.printout import json_line, now_text, snapshot_json
    from kiosk.core.tracks import Tracks
    from kiosk.core.words import Words
    from kiosk.files import statefile
    from kiosk.files.clock import Clock

    programme = _load(args.programme)
    at = _when(args.at, programme) or Clock(programme.event.timezone).now()
    try:
        live = statefile.read(state_path(args), programme, keep_aside=False)
    except statefile.DamagedState as exc:
        print(f"kiosk: {state_path(args)}: {exc.reason}; following the clock", file=sys.stderr)
        from kiosk.core.live import Live

        live = Live()
    live, _ = reconcile(live, programme)
    room = _room(args, programme)
    snap = Tracks(programme, live.state, room).snapshot(at)
    if room is not None:  # the JSON names every room's now and next, at a door too
        snap = snap._replace(rooms=Tracks(programme, live.state).snapshot(at).rooms)
    if args.json:
        print(json_line(snapshot_json(snap, room, live.state.stage_message)))
    else:
        print(now_text(snap, Words(programme.event.language), room))
    return 0


def _settings(
    args: argparse.Namespace, follow: bool, served: bool = False
) -> tuple[Settings, Programme]:
    from kiosk.core.settings import Settings

    programme = _load(args.programme)
    if args.speed <= 0 or args.speed > 10_000:
        raise Refused("--speed: give a number above 0 (60 runs an hour a minute)")
    if args.css and not Path(args.css).is_file():
        raise Refused(f"--css: no such file: {args.css}")
    from kiosk.tui.themes import THEMES

    if args.theme and args.theme not in THEMES:
        raise Refused(f"--theme: '{args.theme}' is not one of: {', '.join(THEMES)}")
    return Settings(
        programme_path=Path(args.programme),
        state_path=state_path(args),
        start=_when(args.at, programme),
        speed=args.speed,
        theme=args.theme,
        css=Path(args.css) if args.css else None,
        follow=follow,
        served=served,
        room=_room(args, programme),
        quiet=args.quiet,
        view=args.view,
    ), programme


def cmd_run(args: argparse.Namespace) -> int:
    mirror = None
    if isinstance(args.follow, str):
        if "://" not in args.follow:  # `kiosk --follow programme.yaml`: the file, followed
            if args.programme is not None:
                raise Refused(f"--follow {args.follow}: give one programme file, or a URL")
            args.programme, args.follow = args.follow, True
        else:
            mirror = _mirror(args)
    # Start-up builds tens of thousands of objects that live as long as the kiosk; collecting
    # while it does costs a third of the time to the first frame. The app turns collection
    # back on once it has drawn (KioskFiles.started).
    gc.disable()
    settings, programme = _settings(args, bool(args.follow) or args.served, args.served)
    if settings.served:
        _end_with_parent()
    from kiosk.files.service import KioskFiles

    files = KioskFiles(settings)
    if not settings.follow:
        _host_lock(files)
    files.take_signals()  # from here SIGTERM and SIGHUP end the kiosk within its grace
    from kiosk.tui.app import make_app

    app = make_app(settings, programme, mirror=mirror, files=files)
    app.run()
    files.release_host_lock()
    return app.return_code or 0


def _mirror(args: argparse.Namespace) -> Mirror:
    """--follow URL: the host's files copied here (the copies of an earlier run if the host
    cannot be reached now; else wait for it), then kept up to date while the kiosk runs."""
    import time

    from kiosk.files.mirror import Mirror, Unreachable, folder_for, url_of

    if args.programme is not None or args.state:
        raise Refused("--follow URL: the host's programme and state come from it; give no file")
    try:
        url = url_of(args.follow)
    except ValueError as exc:
        raise Refused(f"--follow: {exc}") from None
    mirror = Mirror(url, folder_for(url))
    said = False
    while True:
        try:
            mirror.fetch()
            break
        except OSError as exc:  # the copies cannot be kept: a full disk, a read-only home
            raise Refused(
                f"--follow: cannot keep the host's copies in {mirror.folder}: {exc}"
            ) from None
        except Unreachable as exc:
            if mirror.programme_path.exists():  # the last copies: the screen runs on them
                print(f"kiosk: {url}: {exc}; showing the last copy", file=sys.stderr)
                break
            if not said:
                print(f"kiosk: waiting for {url} ({exc}); Ctrl+C stops", file=sys.stderr)
                said = True
            time.sleep(2)  # the host's machine may still be starting
    args.programme, args.state = str(mirror.programme_path), str(mirror.state_path)
    mirror.start()
    return mirror


def _host_lock(files: KioskFiles) -> None:
    """One host per state file: a second is refused in one line."""
    from kiosk.files.service import NotHost

    def say(line: str) -> None:
        print(f"kiosk: {line}", file=sys.stderr)

    try:
        files.take_host_lock(say)
    except NotHost as exc:
        raise Refused(str(exc)) from None


def _end_with_parent() -> None:
    """A served follower ends with its server, kill -9 included: Linux sends it SIGTERM when
    the parent dies (elsewhere the app's poll sees the parent gone)."""
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG


def cmd_serve(args: argparse.Namespace) -> int:
    cells = _cells(args.cells)
    if not 1 <= args.max_screens <= 1000:
        raise Refused("--max-screens: give a number from 1 to 1000")
    settings, _ = _settings(args, True)
    from kiosk.web.serve import serve

    return serve(
        settings,
        host=args.host,
        port=args.port,
        cells=cells,
        max_screens=args.max_screens,
        control=args.control,
    )


def _cells(text: str) -> tuple[int, int]:
    """--cells 100x30: the grid a browser's font is sized for."""
    cols, _, rows = text.lower().partition("x")
    if not (
        cols.isdigit() and rows.isdigit() and 40 <= int(cols) <= 400 and 12 <= int(rows) <= 200
    ):
        raise Refused(f"--cells: give columns x rows, like 80x24 (40x12 to 400x200), not '{text}'")
    return int(cols), int(rows)


def cmd_report(args: argparse.Namespace) -> int:
    from kiosk.core.report import replay, rows, text
    from kiosk.core.words import Words
    from kiosk.files import statefile
    from kiosk.files.clock import Clock

    programme = _load(args.programme)
    path = statefile.log_path(state_path(args))
    log, skipped = statefile.read_log(path)
    if skipped:
        print(f"kiosk: {path}: skipped {skipped} line(s) that could not be read", file=sys.stderr)
    if not log:
        print(f"kiosk: {path}: no host actions logged; the day followed the clock", file=sys.stderr)
    until = _when(args.at, programme) or Clock(programme.event.timezone).now()
    afternoon = replay(programme, log, until)
    if args.csv:
        import csv

        table = rows(afternoon)
        out = csv.DictWriter(sys.stdout, fieldnames=list(table[0]) if table else ["id"])
        if not sys.stdout.isatty():  # a file: a spreadsheet reads the accents right with a BOM
            sys.stdout.write("\ufeff")
        out.writeheader()
        out.writerows(table)
    else:
        print(text(afternoon, Words(programme.event.language)))
    return 0


IMPORTED_UNCHECKED = 3  # kiosk import wrote the programme, but it does not pass check


def cmd_import(args: argparse.Namespace) -> int:
    from kiosk.core.problems import ProgrammeError
    from kiosk.files.loader import loads
    from kiosk.files.sources import ScheduleError, read

    try:
        text = read(args.schedule, timezone=args.timezone, rooms=args.rooms)
    except ScheduleError as exc:
        print(f"kiosk: {args.schedule}: {exc}", file=sys.stderr)
        return 1
    out = args.output
    if out is None:
        sys.stdout.write(text)
    else:
        from kiosk.files.atomic import write_text

        write_text(Path(out), text)  # all or nothing: a kiosk watching it never reads half
        print(f"kiosk: wrote {out}", file=sys.stderr)
    name = out or "(the imported programme)"
    try:
        loads(text, name)
    except ProgrammeError as exc:  # the schedule itself has these: the file says where
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        fix = f"; fix them there and check with: kiosk check {out}" if out else ""
        print(
            f"kiosk: {name} does not pass check: {len(exc.problems)} problem(s){fix}",
            file=sys.stderr,
        )
        return IMPORTED_UNCHECKED
    if out is not None:
        print(f"kiosk: {out} passes check; see it with: kiosk check {out}", file=sys.stderr)
    return 0


COMMAND_FUNCS = {
    "run": cmd_run,
    "check": cmd_check,
    "now": cmd_now,
    "import": cmd_import,
    "serve": cmd_serve,
    "report": cmd_report,
}
