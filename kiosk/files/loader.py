"""programme.yaml -> Programme, or a ProgrammeError naming every problem with file and line.

The file is read into specs (core/specs.py): its shape and each value checked, every value
with its line (files/yaml_nodes.py reads the nodes). The planner (core/planner.py) turns the
specs into the programme: the schedule, the rooms, the days, the ids.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.core.model import Event, Programme, Venue
from kiosk.core.planner import plan, slugify
from kiosk.core.problems import Problem, ProgrammeError, did_you_mean
from kiosk.core.specs import DaySpec, ItemSpec, ProgrammeSpec, SessionSpec, WallTime
from kiosk.core.times import Day, TimeError, parse_duration
from kiosk.files.yaml_nodes import FALSE, NodeReader, line_of

__all__ = ["MAX_BYTES", "load", "loads", "slugify"]

MAX_BYTES = 1024 * 1024
TOP_FIELDS = ("event", "programme", "days")
DAY_FIELDS = ("date", "programme")
EVENT_FIELDS = (
    "title",
    "subtitle",
    "organisers",
    "date",
    "timezone",
    "language",
    "venue",
    "notes",
    "rooms",
    "url",
    "wrap_up",
    "bell",
)
VENUE_FIELDS = ("name", "address")
ITEM_FIELDS = (
    "title",
    "start",
    "end",
    "duration",
    "by",
    "description",
    "kind",
    "fixed",
    "room",
    "plenary",
    "sessions",
    "id",
    "wrap_up",
    "rounds",
    "rotate",
)
SESSION_FIELDS = ("title", "by", "room", "description", "start", "end", "id")
LANGUAGES = ("nl", "en")
URL_MOST = 300  # characters of event.url: its QR code stays small enough to read off a screen


def load(path: str | Path) -> Programme:
    """Read and validate a programme file."""
    path = Path(path)
    name = str(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ProgrammeError([Problem(name, 0, "no such file")]) from None
    except IsADirectoryError:
        raise ProgrammeError([Problem(name, 0, "is a folder, not a programme file")]) from None
    except OSError as exc:
        raise ProgrammeError([Problem(name, 0, f"cannot be read ({exc.strerror})")]) from None
    return loads(data, name)


def loads(data: bytes | str, source: str = "programme.yaml") -> Programme:
    """Validate a programme given as bytes or text; `source` names it in messages."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if len(raw) > MAX_BYTES:
        raise ProgrammeError([Problem(source, 0, "is over 1 MiB; a programme is far smaller")])
    if b"\0" in raw:
        raise ProgrammeError([Problem(source, 0, "is not a text file")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProgrammeError([Problem(source, line, "is not UTF-8 text")]) from None
    if not text.strip():
        raise ProgrammeError([Problem(source, 0, "is empty")])
    return _Reader(source).read(text)


class _Reader(NodeReader):
    def __init__(self, source: str):
        super().__init__(source)
        self.rooms: tuple[str, ...] | None = ()  # None: event.rooms could not be read

    def read(self, text: str) -> Programme:
        root = self.compose(text)
        self.done()
        if not isinstance(root, MappingNode):
            self.fail(root or 1, "must be a mapping with 'event:' and 'programme:'")
            self.done()
        assert isinstance(root, MappingNode)  # done() raised otherwise
        top = self.fields(root, TOP_FIELDS, "top level")
        several = "days" in top
        if "event" not in top:
            self.fail(root, "'event:' is missing")
        if several and "programme" in top:
            self.fail(top["days"], "give 'programme:' for one day or 'days:' for several, not both")
        elif not several and "programme" not in top:
            self.fail(root, "'programme:' is missing")
        event = self._event(top["event"], several) if "event" in top else None
        if several:
            days = self._days(top["days"])
        else:
            items = self._items(top["programme"]) if "programme" in top else ()
            days = [DaySpec(event.date if event else None, items)]
        spec = ProgrammeSpec(self.source, event, tuple(days), several, self.times_ok)
        return plan(spec, self.problems)

    def _event(self, node: Node, several: bool = False) -> Event | None:
        if not isinstance(node, MappingNode):
            self.fail(node, "'event:' must be a mapping of title, date, timezone, ...")
            self.rooms = None
            return None
        f = self.fields(node, EVENT_FIELDS, "event")
        for key in ("title", "timezone") if several else ("title", "date", "timezone"):
            if key not in f:
                self.fail(node, f"event '{key}:' is missing")
        self.rooms = self._rooms(f["rooms"]) if "rooms" in f else ()
        title = self.text(f["title"], "event title", True) if "title" in f else None
        day: date | None = date(2001, 1, 1)  # several days: each has its own, under days:
        if several and "date" in f:
            self.fail(f["date"], "with 'days:', each day has its date there; remove event.date")
        elif not several and "date" in f and isinstance(f["date"], SequenceNode):
            self.fail(
                f["date"],
                "date must be one date; for several days write 'days:' with a date and a"
                " programme for each",
            )
            day = None
        elif not several:
            day = self.calendar_date(f["date"]) if "date" in f else None
        tz = self.timezone(f["timezone"]) if "timezone" in f else None
        language = "nl"
        if "language" in f:
            language = self.text(f["language"], "language") or "nl"
            if language not in LANGUAGES:
                self.fail(f["language"], f"language '{language}' is not one of: nl, en")
        venue = self._venue(f["venue"]) if "venue" in f else Venue()
        if title is None or day is None or tz is None:
            return None
        if not several:
            try:
                Day(day, tz)
            except TimeError as exc:
                self.fail(f["date"], str(exc))
                return None
        return Event(
            title=title,
            date=day,
            timezone=tz,
            subtitle=self.text(f["subtitle"], "subtitle") or "" if "subtitle" in f else "",
            organisers=self.texts(f["organisers"], "organisers") if "organisers" in f else (),
            language=language,
            venue=venue,
            notes=self.texts(f["notes"], "notes") if "notes" in f else (),
            rooms=self.rooms or (),
            url=self._url(f["url"]) if "url" in f else "",
            wrap_up=self._wrap_up(f["wrap_up"]) if "wrap_up" in f else (5, 1),
            bell=self.flag(f["bell"], "bell") if "bell" in f else True,
        )

    def _url(self, node: Node) -> str:
        text = self.text(node, "url") or ""
        if text and not re.match(r"https?://[^\s/]+", text):
            self.fail(
                node, f"url '{text}' is not a web address; write it like https://example.org/"
            )
            return ""
        if len(text) > URL_MOST:  # a QR code a phone reads from across a room holds no more
            self.fail(node, f"url is {len(text)} characters: give one of at most {URL_MOST}")
            return ""
        return text

    def _wrap_up(self, node: Node) -> tuple[int, ...]:
        """Minutes left at which NOW warns, then warns harder: [5, 1]; [] or false: never."""
        if isinstance(node, ScalarNode) and (self.text(node, "wrap_up") or "").lower() in FALSE:
            return ()
        nodes = node.value if isinstance(node, SequenceNode) else [node]
        minutes = []
        for n in nodes:
            text = self.text(n, "wrap_up", True) or ""
            try:
                minutes.append(parse_duration(text))
            except TimeError:
                self.fail(n, f"wrap_up: '{text}' is not minutes; write it like [5, 1]")
                return ()
        if (
            len(minutes) > 2
            or minutes != sorted(minutes, reverse=True)
            or len(set(minutes)) < len(minutes)
        ):
            self.fail(node, "wrap_up: give one or two minutes left, the larger first, like [5, 1]")
            return ()
        return tuple(minutes)

    def _rooms(self, node: Node) -> tuple[str, ...] | None:
        if not isinstance(node, SequenceNode):
            self.fail(node, "rooms must be a list, like [Grote zaal, Zaal 2]")
            return None
        names: list[str] = []
        for n in node.value:
            name = self.text(n, "each room", True)
            if name is None:
                return None
            if name in names:
                self.fail(n, f"room '{name}' is listed twice")
                return None
            names.append(name)
        return tuple(names)

    def _room(self, node: Node) -> str | None:
        """A room of event.rooms, or a problem with a "did you mean"."""
        name = self.text(node, "room", True)
        if name is None or self.rooms is None or name in self.rooms:
            return name
        if not self.rooms:
            self.fail(node, f"room '{name}' is unknown: list the rooms in event.rooms first")
            return None
        hint = did_you_mean(name, self.rooms, otherwise=f"rooms: {', '.join(self.rooms)}")
        self.fail(node, f"room '{name}' is not in event.rooms{hint}")
        return None

    def _days(self, node: Node) -> list[DaySpec]:
        if not isinstance(node, SequenceNode) or not node.value:
            self.fail(node, "'days:' must be a list of days, each '- date: ...' with a programme")
            return []
        out: list[DaySpec] = []
        seen: dict[date, int] = {}
        for day_node in node.value:
            if not isinstance(day_node, MappingNode):
                self.fail(day_node, "a day must be a mapping of date and programme")
                self.times_ok = False
                continue
            f = self.fields(day_node, DAY_FIELDS, "day")
            for key in DAY_FIELDS:
                if key not in f:
                    self.fail(day_node, f"the day's '{key}:' is missing")
            when = self.calendar_date(f["date"]) if "date" in f else None
            line = line_of(day_node)
            if when is not None:
                if when in seen:
                    self.fail(f["date"], f"{when.isoformat()} is also the day on line {seen[when]}")
                elif seen and when < max(seen):
                    self.fail(f["date"], f"{when.isoformat()} comes before the day above it")
                seen[when] = line
            out.append(DaySpec(when, self._items(f["programme"]) if "programme" in f else ()))
        return out

    def _venue(self, node: Node) -> Venue:
        if isinstance(node, ScalarNode):
            return Venue(name=self.text(node, "venue") or "")
        if not isinstance(node, MappingNode):
            self.fail(node, "venue must be a name or a mapping of name and address")
            return Venue()
        f = self.fields(node, VENUE_FIELDS, "venue")
        return Venue(
            name=(self.text(f["name"], "venue name") or "") if "name" in f else "",
            address=(self.text(f["address"], "address") or "") if "address" in f else "",
        )

    def _items(self, node: Node) -> tuple[ItemSpec, ...]:
        if not isinstance(node, SequenceNode):
            self.fail(node, "'programme:' must be a list of items, each starting with '- '")
            return ()
        if not node.value:
            self.fail(node, "the programme has no items")
        return tuple(item for n in node.value if (item := self._item(n)) is not None)

    def _item(self, node: Node) -> ItemSpec | None:
        if not isinstance(node, MappingNode):
            self.fail(node, "an item must be a mapping like {start: 14:00, title: Opening}")
            self.times_ok = False  # the items around it would be scheduled without it
            return None
        f = self.fields(node, ITEM_FIELDS, "item")
        if "title" not in f:
            self.fail(node, "the item has no title")
        words = {
            k: self.text(f[k], k) if k in f else None for k in ("by", "description", "kind", "id")
        }
        fixed = self.flag(f["fixed"], "fixed") if "fixed" in f else False
        plenary = self.flag(f["plenary"], "plenary") if "plenary" in f else False
        if plenary and "room" not in f:
            self.fail(
                f["plenary"], "plenary is for a part in a room; without one it is for everyone"
            )
        start, end = self._wall(f, "start"), self._wall(f, "end")
        duration = None
        if "duration" in f:
            text = self.text(f["duration"], "duration", True)
            if text is None:
                self.times_ok = False
            else:
                try:
                    duration = parse_duration(text)
                except TimeError as exc:
                    self.fail(f["duration"], str(exc))
                    self.times_ok = False
        if fixed and "start" not in f:
            self.fail(node, "a fixed item needs a start time")
        room = self._room(f["room"]) if "room" in f else None
        wrap_up = self._wrap_up(f["wrap_up"]) if "wrap_up" in f else None
        turns, turn_minutes = self._turns(f)
        sessions = self._sessions(f["sessions"]) if "sessions" in f else ()
        if "sessions" in f and "room" in f:
            self.fail(f["room"], "a round is for every room: give the rooms to its sessions")
            room = None
        return ItemSpec(
            line=line_of(node),
            title=self.text(f["title"], "title", True) if "title" in f else None,
            start=start,
            end=end,
            duration=duration,
            by=words["by"],
            description=words["description"],
            kind=words["kind"].lower() if words["kind"] else words["kind"],
            id=words["id"],
            fixed=fixed,
            room=room,
            plenary=plenary and room is not None,
            sessions=sessions,
            wrap_up=wrap_up,
            turns=turns,
            turn_minutes=turn_minutes,
        )

    def _wall(self, f: dict[str, Node], key: str) -> WallTime | None:
        """A start or end as written (wall-clock minutes; the planner knows the day)."""
        minutes = self.clock(f[key], key) if key in f else None
        return None if minutes is None else WallTime(minutes, line_of(f[key]))

    def _turns(self, f: dict[str, Node]) -> tuple[int, int]:
        """`rounds: 3` (equal turns) or `rotate: 20m` (a turn of 20 minutes) within the part:
        (turns, turn_minutes)."""
        if "rounds" in f and "rotate" in f:
            self.fail(f["rotate"], "give rounds or rotate, not both")
        elif "rounds" in f:
            text = self.text(f["rounds"], "rounds", True) or ""
            if text.isdigit() and 2 <= int(text) <= 50:
                return int(text), 0
            self.fail(f["rounds"], f"rounds: '{text}' must be a number of turns, 2 to 50")
        elif "rotate" in f:
            text = self.text(f["rotate"], "rotate", True) or ""
            try:
                return 0, parse_duration(text)
            except TimeError as exc:
                self.fail(f["rotate"], f"rotate: {exc}")
        return 0, 0

    def _sessions(self, node: Node) -> tuple[SessionSpec, ...]:
        if not isinstance(node, SequenceNode) or not node.value:
            self.fail(node, "sessions must be a list, each like {title: Masterclass, room: Zaal 2}")
            return ()
        out = []
        for n in node.value:
            if not isinstance(n, MappingNode):
                self.fail(n, "a session must be a mapping like {title: Masterclass, room: Zaal 2}")
                continue
            f = self.fields(n, SESSION_FIELDS, "session")
            if "title" not in f:
                self.fail(n, "the session has no title")
            words = {k: self.text(f[k], k) if k in f else None for k in ("by", "description", "id")}
            out.append(
                SessionSpec(
                    line=line_of(n),
                    title=self.text(f["title"], "title", True) if "title" in f else None,
                    room=self._room(f["room"]) if "room" in f else None,
                    by=words["by"],
                    description=words["description"],
                    id=words["id"],
                    start=self._wall(f, "start"),
                    end=self._wall(f, "end"),
                )
            )
        return tuple(out)
