"""programme.yaml -> Programme, or a ProgrammeError naming every problem with file and line.

The YAML is walked node by node rather than turned into Python values, so that every field
keeps its line and every time is read as written: YAML 1.1 turns an unquoted 14:00 into the
integer 840 and 13.30 into the float 13.3, which is not what anybody meant.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import pendulum
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.core.model import DayLines, Event, Item, Programme, Session, Venue
from kiosk.core.problems import Problem, ProgrammeError
from kiosk.core.schedule import Draft, Slot, resolve
from kiosk.core.text import displayable
from kiosk.core.times import MORNING, Day, TimeError, parse_clock, parse_duration

MAX_BYTES = 1024 * 1024
# libyaml's parser where PyYAML has it: ten times faster on a large programme, same nodes
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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
    "sessions",
    "id",
    "wrap_up",
    "rounds",
    "rotate",
)
SESSION_FIELDS = ("title", "by", "room", "description", "start", "end", "id")
LANGUAGES = ("nl", "en")
URL_MOST = 300  # characters of event.url: its QR code stays small enough to read off a screen
MAX_DEPTH = 32  # a programme nests 4 deep; PyYAML slows quadratically on deep flow nesting
YEARS = (1900, 2999)  # beyond these, instants overflow (9999-12-31 + a day) or make no sense
# one problem is one line of `kiosk check`: a newline in a quoted key or value must not split it
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_TRUE = {"true", "yes", "on", "ja"}
_FALSE = {"false", "no", "off", "nee"}


class _Mark(Protocol):  # PyYAML's and libyaml's marks alike
    line: int


def _line(mark: _Mark | None) -> int:
    """The 1-based line of a parser event (line 1 when PyYAML gives no mark)."""
    return mark.line + 1 if mark is not None else 1


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


Parsed = list[tuple[dict[str, Any], Draft]]  # a day's items as read, and their drafts


class _DayPlan(NamedTuple):
    day: Day
    parsed: Parsed
    slots: list[Slot]  # one for each parsed item
    close: int | None  # the close of the items for everyone
    closes: dict[str, int | None]  # the close of each room with items of its own
    # in a room's line, the items for everyone that end sooner there (the room's part begins)
    ends: dict[str, dict[int, int | None]]


def _anchor(draft: Draft, slot: Slot) -> Draft:
    """An item for everyone in a room's line: it starts when the hall's line says, and ends
    when it says so itself; else when the room's next part starts (which may be sooner than
    in the hall: the room's own part takes over)."""
    end = draft.end
    if end is None and draft.duration is not None:
        end = slot.start + draft.duration
    return Draft(draft.line, slot.start, end, None, draft.is_end)


def _with_blocks(parsed: Parsed, drafts: list[Draft]) -> list[int | Draft]:
    """The items for everyone (by index), with each run of the rooms' own parts between them
    as one stand-in Draft: it starts at the run's earliest published start, so the items for
    everyone before it share the time up to there (the opening is over when the rooms
    begin), and ends at the run's last end if all of them have one. A run that starts with
    the item before it (a registration beside a workshop) stands in for nothing."""
    out: list[int | Draft] = []
    block: list[int] = []

    def close_block(nxt: Draft | None) -> None:
        starts = [(d.start, d.line) for k in block if (d := drafts[k]).start is not None]
        ends = [_own_end(drafts[k]) for k in block]
        block.clear()
        if not starts:
            return
        start, line = min(starts)
        before = next((x for x in reversed(out) if isinstance(x, int)), None)
        if before is not None and drafts[before].start == start:
            return
        # what comes next for everyone without a start of its own starts when the rooms end
        known = [e for e in ends if e is not None]
        last = max(known) if known and len(known) == len(ends) else None
        end = last if last is not None and last > start and nxt and nxt.start is None else None
        out.append(Draft(line, start, end))

    for n, (fields, _) in enumerate(parsed):
        if fields["room"] is None:
            close_block(drafts[n])
            out.append(n)
        else:
            block.append(n)
    close_block(None)
    return out


def _own_end(draft: Draft) -> int | None:
    if draft.end is not None:
        return draft.end
    if draft.start is not None and draft.duration is not None:
        return draft.start + draft.duration
    return None


class _Reader:
    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []
        self.times_ok = True  # False once a start, end or duration could not be read
        self.rooms: tuple[str, ...] | None = ()  # None: event.rooms could not be read

    def fail(self, node: Node | int, message: str) -> None:
        line = node if isinstance(node, int) else node.start_mark.line + 1
        message = _CONTROL.sub(lambda m: repr(m[0])[1:-1], message)
        self.problems.append(Problem(self.source, line, message))

    def done(self) -> None:
        if self.problems:
            raise ProgrammeError(self.problems)

    # -- parsing ---------------------------------------------------------------------------

    def read(self, text: str) -> Programme:
        root = self._compose(text)
        self.done()
        if not isinstance(root, MappingNode):
            self.fail(root or 1, "must be a mapping with 'event:' and 'programme:'")
            self.done()
        assert isinstance(root, MappingNode)  # done() raised otherwise
        top = self._fields(root, TOP_FIELDS, "top level")
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
            items = self._items(top["programme"]) if "programme" in top else []
            days = [(event.date if event else None, items)]
        # the schedule and the ids are checked even when other fields are wrong, so that all
        # errors of a file come in one report; not when a time is unreadable (it would only
        # produce follow-on errors about a start that is not there)
        plans = []
        if self.times_ok:
            for when, parsed in days:
                if parsed:
                    plans.append(self._plan(parsed, event, when))
        self._check_ids([p for _, parsed in days for p in parsed])
        self.done()
        assert event is not None and all(plan is not None for plan in plans)
        if several:
            first = days[0][0]
            assert first is not None  # done() raised otherwise
            event = replace(event, date=first)
        programme = self._build(event, [p for p in plans if p is not None], several)
        self.done()  # what only the resolved times show (turns without an end)
        return programme

    def _compose(self, text: str) -> Node | None:
        try:
            try:
                return self._nodes(text, _FAST)
            except yaml.YAMLError:
                # say what is wrong in PyYAML's own words, which name the problem more plainly
                return self._nodes(text, yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            what = exc.problem or exc.context or "broken YAML"
            if exc.context and what.startswith("but "):
                # "but found another document" only makes sense after its context
                what = f"{exc.context}, {what}"
            self.fail(mark.line + 1 if mark else 1, f"not valid YAML: {what}")
        except yaml.reader.ReaderError as exc:
            # it has a character position, not a line; its str() spans two lines
            line = text[: exc.position].count("\n") + 1
            self.fail(line, f"not valid YAML: character #x{exc.character:04x}: {exc.reason}")
        except yaml.YAMLError as exc:
            self.fail(1, f"not valid YAML: {exc}")
        except RecursionError:
            self.fail(1, "not valid YAML: nested too deeply")
        return None

    def _nodes(self, text: str, loader: type) -> Node | None:
        """The node tree, refusing anchors, aliases and deep nesting on the way."""
        depth = 0
        for ev in yaml.parse(text, Loader=loader):
            if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None):
                self.fail(_line(ev.start_mark), "anchors and aliases (& and *) are not allowed")
                return None
            if isinstance(ev, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    self.fail(_line(ev.start_mark), "not valid YAML: nested too deeply")
                    return None
            elif isinstance(ev, yaml.CollectionEndEvent):
                depth -= 1
        return yaml.compose(text, Loader=loader)

    def _fields(self, node: MappingNode, allowed: tuple[str, ...], where: str) -> dict[str, Node]:
        out: dict[str, Node] = {}
        for key_node, value in node.value:
            if not isinstance(key_node, ScalarNode):
                self.fail(key_node, f"a field name in {where} must be a plain word")
                continue
            key = key_node.value
            if key in out:
                self.fail(key_node, f"'{key}' is given twice in {where}")
                continue
            if key not in allowed:
                import difflib  # only for a typo: not on every start

                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = (
                    f"; did you mean '{close[0]}'?" if close else f"; known: {', '.join(allowed)}"
                )
                self.fail(key_node, f"unknown field '{key}' in {where}{hint}")
                continue
            out[key] = value
        return out

    def _text(self, node: Node, what: str, required: bool = False) -> str | None:
        if isinstance(node, ScalarNode):
            if node.tag == "tag:yaml.org,2002:null" or not node.value.strip():
                if required:
                    self.fail(node, f"{what} is empty")
                return None
            return str(node.value).strip()
        self.fail(node, f"{what} must be text")
        return None

    def _texts(self, node: Node, what: str) -> tuple[str, ...]:
        if isinstance(node, SequenceNode):
            return tuple(t for n in node.value if (t := self._text(n, f"each of {what}")))
        one = self._text(node, what)
        return (one,) if one else ()

    def _event(self, node: Node, several: bool = False) -> Event | None:
        if not isinstance(node, MappingNode):
            self.fail(node, "'event:' must be a mapping of title, date, timezone, ...")
            self.rooms = None
            return None
        f = self._fields(node, EVENT_FIELDS, "event")
        for key in ("title", "timezone") if several else ("title", "date", "timezone"):
            if key not in f:
                self.fail(node, f"event '{key}:' is missing")
        self.rooms = self._rooms(f["rooms"]) if "rooms" in f else ()
        title = self._text(f["title"], "event title", True) if "title" in f else None
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
            day = self._date(f["date"]) if "date" in f else None
        tz = self._timezone(f["timezone"]) if "timezone" in f else None
        language = "nl"
        if "language" in f:
            language = self._text(f["language"], "language") or "nl"
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
            subtitle=self._text(f["subtitle"], "subtitle") or "" if "subtitle" in f else "",
            organisers=self._texts(f["organisers"], "organisers") if "organisers" in f else (),
            language=language,
            venue=venue,
            notes=self._texts(f["notes"], "notes") if "notes" in f else (),
            rooms=self.rooms or (),
            url=self._url(f["url"]) if "url" in f else "",
            wrap_up=self._wrap_up(f["wrap_up"]) if "wrap_up" in f else (5, 1),
            bell=self._flag(f["bell"], "bell") if "bell" in f else True,
        )

    def _url(self, node: Node) -> str:
        text = self._text(node, "url") or ""
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
        if isinstance(node, ScalarNode) and (self._text(node, "wrap_up") or "").lower() in _FALSE:
            return ()
        nodes = node.value if isinstance(node, SequenceNode) else [node]
        minutes = []
        for n in nodes:
            text = self._text(n, "wrap_up", True) or ""
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
            name = self._text(n, "each room", True)
            if name is None:
                return None
            if name in names:
                self.fail(n, f"room '{name}' is listed twice")
                return None
            names.append(name)
        return tuple(names)

    def _room(self, node: Node) -> str | None:
        """A room of event.rooms, or a problem with a "did you mean"."""
        name = self._text(node, "room", True)
        if name is None or self.rooms is None or name in self.rooms:
            return name
        if not self.rooms:
            self.fail(node, f"room '{name}' is unknown: list the rooms in event.rooms first")
            return None
        import difflib

        close = difflib.get_close_matches(name, self.rooms, n=1, cutoff=0.5)
        hint = f"; did you mean '{close[0]}'?" if close else f"; rooms: {', '.join(self.rooms)}"
        self.fail(node, f"room '{name}' is not in event.rooms{hint}")
        return None

    def _days(self, node: Node) -> list[tuple[date | None, Parsed]]:
        if not isinstance(node, SequenceNode) or not node.value:
            self.fail(node, "'days:' must be a list of days, each '- date: ...' with a programme")
            return []
        out: list[tuple[date | None, Parsed]] = []
        seen: dict[date, int] = {}
        for day_node in node.value:
            if not isinstance(day_node, MappingNode):
                self.fail(day_node, "a day must be a mapping of date and programme")
                self.times_ok = False
                continue
            f = self._fields(day_node, DAY_FIELDS, "day")
            for key in DAY_FIELDS:
                if key not in f:
                    self.fail(day_node, f"the day's '{key}:' is missing")
            when = self._date(f["date"]) if "date" in f else None
            line = day_node.start_mark.line + 1
            if when is not None:
                if when in seen:
                    self.fail(f["date"], f"{when.isoformat()} is also the day on line {seen[when]}")
                elif seen and when < max(seen):
                    self.fail(f["date"], f"{when.isoformat()} comes before the day above it")
                seen[when] = line
            out.append((when, self._items(f["programme"]) if "programme" in f else []))
        return out

    def _date(self, node: Node) -> date | None:
        text = self._text(node, "date", True)
        if text is None:
            return None
        try:
            day = date.fromisoformat(text)
        except ValueError:
            self.fail(node, f"date '{text}' is not a date; write it as 2022-11-22")
            return None
        if not YEARS[0] <= day.year <= YEARS[1]:
            self.fail(node, f"date '{text}' is not a year from {YEARS[0]} to {YEARS[1]}")
            return None
        return day

    def _timezone(self, node: Node) -> str | None:
        text = self._text(node, "timezone", True)
        if text is None:
            return None
        try:
            pendulum.timezone(text)
        except Exception:  # pendulum raises its own kinds for unknown zones
            self.fail(node, f"timezone '{text}' is unknown; write it like Europe/Amsterdam")
            return None
        return text

    def _venue(self, node: Node) -> Venue:
        if isinstance(node, ScalarNode):
            return Venue(name=self._text(node, "venue") or "")
        if not isinstance(node, MappingNode):
            self.fail(node, "venue must be a name or a mapping of name and address")
            return Venue()
        f = self._fields(node, VENUE_FIELDS, "venue")
        return Venue(
            name=(self._text(f["name"], "venue name") or "") if "name" in f else "",
            address=(self._text(f["address"], "address") or "") if "address" in f else "",
        )

    def _items(self, node: Node) -> Parsed:
        if not isinstance(node, SequenceNode):
            self.fail(node, "'programme:' must be a list of items, each starting with '- '")
            return []
        if not node.value:
            self.fail(node, "the programme has no items")
        out = []
        for item in node.value:
            parsed = self._item(item)
            if parsed is not None:
                out.append(parsed)
        return out

    def _item(self, node: Node) -> tuple[dict[str, Any], Draft] | None:
        if not isinstance(node, MappingNode):
            self.fail(node, "an item must be a mapping like {start: 14:00, title: Opening}")
            self.times_ok = False  # the items around it would be scheduled without it
            return None
        line = node.start_mark.line + 1
        f = self._fields(node, ITEM_FIELDS, "item")
        fields: dict[str, Any] = {"line": line}
        if "title" not in f:
            self.fail(node, "the item has no title")
        else:
            fields["title"] = self._text(f["title"], "title", True)
        for key in ("by", "description", "kind", "id"):
            if key in f:
                fields[key] = self._text(f[key], key)
        if fields.get("kind"):
            fields["kind"] = fields["kind"].lower()
        if "fixed" in f:
            fields["fixed"] = self._flag(f["fixed"], "fixed")
        start = self._clock(f["start"], "start") if "start" in f else None
        end = self._clock(f["end"], "end") if "end" in f else None
        # wall-clock minutes, made real minutes of the day once the day is known (_plan)
        fields["walls"] = {
            k: (m, f[k]) for k, m in (("start", start), ("end", end)) if m is not None
        }
        duration = None
        if "duration" in f:
            text = self._text(f["duration"], "duration", True)
            if text is None:
                self.times_ok = False
            else:
                try:
                    duration = parse_duration(text)
                except TimeError as exc:
                    self.fail(f["duration"], str(exc))
                    self.times_ok = False
        if fields.get("fixed") and "start" not in f:
            self.fail(node, "a fixed item needs a start time")
        fields["room"] = self._room(f["room"]) if "room" in f else None
        if "wrap_up" in f:
            fields["wrap_up"] = self._wrap_up(f["wrap_up"])
        self._turns(f, fields)
        fields["sessions"] = self._sessions(f["sessions"]) if "sessions" in f else []
        if "sessions" in f and "room" in f:
            self.fail(f["room"], "a round is for every room: give the rooms to its sessions")
            fields["room"] = None
        draft = Draft(line, start, end, duration, fields.get("kind") == "end")
        return fields, draft

    def _turns(self, f: dict[str, Node], fields: dict[str, Any]) -> None:
        """`rounds: 3` (equal turns) or `rotate: 20m` (a turn of 20 minutes) within the part."""
        if "rounds" in f and "rotate" in f:
            self.fail(f["rotate"], "give rounds or rotate, not both")
            return
        if "rounds" in f:
            text = self._text(f["rounds"], "rounds", True) or ""
            if not text.isdigit() or not 2 <= int(text) <= 50:
                self.fail(f["rounds"], f"rounds: '{text}' must be a number of turns, 2 to 50")
                return
            fields["turns"] = int(text)
        elif "rotate" in f:
            text = self._text(f["rotate"], "rotate", True) or ""
            try:
                fields["turn_minutes"] = parse_duration(text)
            except TimeError as exc:
                self.fail(f["rotate"], f"rotate: {exc}")

    def _sessions(self, node: Node) -> list[dict[str, Any]]:
        if not isinstance(node, SequenceNode) or not node.value:
            self.fail(node, "sessions must be a list, each like {title: Masterclass, room: Zaal 2}")
            return []
        out = []
        for n in node.value:
            if not isinstance(n, MappingNode):
                self.fail(n, "a session must be a mapping like {title: Masterclass, room: Zaal 2}")
                continue
            f = self._fields(n, SESSION_FIELDS, "session")
            fields: dict[str, Any] = {"line": n.start_mark.line + 1, "node": n}
            if "title" not in f:
                self.fail(n, "the session has no title")
            else:
                fields["title"] = self._text(f["title"], "title", True)
            for key in ("by", "description", "id"):
                if key in f:
                    fields[key] = self._text(f[key], key)
            fields["room"] = self._room(f["room"]) if "room" in f else None
            fields["walls"] = {
                k: (m, f[k])
                for k in ("start", "end")
                if k in f and (m := self._clock(f[k], k)) is not None
            }
            out.append(fields)
        return out

    def _flag(self, node: Node, what: str) -> bool:
        text = (self._text(node, what) or "").lower()
        if text in _TRUE:
            return True
        if text not in _FALSE:
            self.fail(node, f"{what} must be true or false, not '{text}'")
        return False

    def _clock(self, node: Node, what: str) -> int | None:
        text = self._text(node, what, True)
        if text is None:
            self.times_ok = False
            return None
        try:
            hour, minute = parse_clock(text, midnight=True)
        except TimeError as exc:
            self.fail(node, f"{what}: {exc}")
            self.times_ok = False
            return None
        return hour * 60 + minute

    # -- resolving -------------------------------------------------------------------------

    def _plan(self, parsed: Parsed, event: Event | None, when: date | None) -> _DayPlan | None:
        """The wall times as real minutes of the day, then the schedule between them: first
        the items for everyone, then each room's line of those items and its own."""
        first = next((f["walls"]["start"][0] for f, _ in parsed if "start" in f["walls"]), 0)
        # with a broken event the schedule is still checked, on a day without clock changes
        tz = event.timezone if event else "UTC"
        try:
            day = Day(when or date(2001, 1, 1), tz, evening=first >= MORNING)
        except TimeError as exc:
            self.fail(parsed[0][0]["line"], str(exc))
            return None
        drafts, skipped = [], False
        for fields, draft in parsed:
            real = self._real(fields, day)
            skipped |= real is None
            for session in fields["sessions"]:
                session["real"] = self._real(session, day)
                skipped |= session["real"] is None
            if real is not None:
                drafts.append(replace(draft, start=real.get("start"), end=real.get("end")))
        if skipped:  # the schedule would only add follow-on errors about the missing time
            return None
        plenary = [n for n, (f, _) in enumerate(parsed) if f["room"] is None]
        slots: dict[int, Slot] = {}
        close: int | None = None
        if plenary:
            order = _with_blocks(parsed, drafts)
            found, close, problems = resolve(
                [drafts[n] if isinstance(n, int) else n for n in order], day.limit, day.label
            )
            for line, message in problems:
                self.fail(line or 1, message)
            if problems:
                return None
            slots = {n: slot for n, slot in zip(order, found, strict=True) if isinstance(n, int)}
        closes: dict[str, int | None] = {}
        ends: dict[str, dict[int, int | None]] = {}
        for room in self.rooms or ():
            own = [n for n, (f, _) in enumerate(parsed) if f["room"] == room]
            if not own:
                continue
            members = sorted([*plenary, *own])
            line_drafts = [
                drafts[n] if n not in slots else _anchor(drafts[n], slots[n]) for n in members
            ]
            found, closes[room], problems = resolve(line_drafts, day.limit, day.label)
            for line, message in problems:
                self.fail(line or 1, f"in {room}: {message}")
            if problems:
                return None
            ends[room] = {}
            for n, slot in zip(members, found, strict=True):
                if n in own:
                    slots[n] = slot
                elif slot.end != slots[n].end:
                    ends[room][n] = slot.end
        if len(slots) < len(parsed):
            return None
        self._check_rounds(parsed, slots, day)
        every = [slots[n] for n in range(len(parsed))]
        return _DayPlan(day, parsed, every, close, closes, ends)

    def _real(self, fields: dict[str, Any], day: Day) -> dict[str, int] | None:
        real: dict[str, int] = {}
        for key, (wall, node) in fields["walls"].items():
            try:
                real[key] = day.minutes(wall)
            except TimeError as exc:
                self.fail(node, f"{key}: {exc}")
                return None
        return real

    def _check_rounds(self, parsed: Parsed, slots: dict[int, Slot], day: Day) -> None:
        """Sessions keep to their round's time, and two in one room do not overlap."""
        for n, (fields, _) in enumerate(parsed):
            slot = slots[n]
            taken: list[tuple[str, int, int, int]] = []  # room, start, end, line
            for session in fields["sessions"]:
                real = session["real"]
                start, end = real.get("start", slot.start), real.get("end", slot.end)
                line = session["line"]
                if real.get("start", slot.start) < slot.start or (
                    end is not None and slot.end is not None and end > slot.end
                ):
                    span = day.label(slot.start)
                    if slot.end is not None:
                        span = f"{span} to {day.label(slot.end)}"
                    self.fail(line, f"the session is outside its round's time ({span})")
                    continue
                if end is not None and end <= start:
                    self.fail(line, f"ends at {day.label(end)}, not after its start")
                    continue
                room = session["room"]
                for other, o_start, o_end, o_line in taken:
                    if other == room and start < o_end and (end is None or o_start < end):
                        self.fail(line, f"{room} already has the session on line {o_line} then")
                        break
                if room is not None:
                    taken.append((room, start, end if end is not None else day.limit, line))

    def _check_ids(self, parsed: Parsed) -> None:
        explicit: dict[str, int] = {}
        every = [f for f, _ in parsed] + [x for f, _ in parsed for x in f["sessions"]]
        for fields in sorted(every, key=lambda f: int(f["line"])):
            item_id = fields.get("id")
            if item_id in explicit:
                self.fail(
                    fields["line"], f"id '{item_id}' is also used on line {explicit[item_id]}"
                )
            elif item_id:
                explicit[item_id] = fields["line"]

    def _build(self, event: Event, plans: list[_DayPlan], several: bool) -> Programme:
        every = [f for plan in plans for f, _ in plan.parsed]
        taken = {f["id"] for f in every + [x for f in every for x in f["sessions"]] if f.get("id")}

        def ident(fields: dict[str, Any]) -> str:
            found = fields.get("id") or _unique(slugify(displayable(fields["title"])), taken)
            taken.add(found)
            return str(found)

        days, items = [], []
        for plan in plans:
            day = plan.day
            on_day = replace(event, date=day.date)

            def at(minutes: int | None, day: Day = day) -> datetime | None:
                return None if minutes is None else day.instant(minutes)

            built = []
            for (fields, _), slot in zip(plan.parsed, plan.slots, strict=True):
                start = at(slot.start)
                assert start is not None
                if (fields.get("turns") or fields.get("turn_minutes")) and slot.end is None:
                    self.fail(
                        fields["line"],
                        "rounds and rotate need the part's end: give it an end or a duration",
                    )
                sessions = tuple(
                    Session(
                        id=ident(x),
                        title=x["title"],
                        room=x["room"],
                        by=x.get("by"),
                        description=x.get("description"),
                        start=at(x["real"].get("start")),
                        end=at(x["real"].get("end")),
                        line=x["line"],
                    )
                    for x in fields["sessions"]
                )
                built.append(
                    Item(
                        id=ident(fields),
                        title=fields["title"],
                        start=start,
                        end=at(slot.end),
                        estimated=slot.estimated,
                        by=fields.get("by"),
                        description=fields.get("description"),
                        kind=fields.get("kind"),
                        fixed=bool(fields.get("fixed")),
                        line=fields["line"],
                        room=fields["room"],
                        sessions=sessions,
                        wrap_up=fields.get("wrap_up"),
                        turns=fields.get("turns", 0),
                        turn_minutes=fields.get("turn_minutes", 0),
                    )
                )
            items.extend(built)

            def line(
                members: list[Item], close: int | None, day: Day = day, on_day: Event = on_day
            ) -> Programme:
                end = day.instant(day.limit)
                return Programme(on_day, tuple(members), at(close, day), end, self.source)

            hall = line([i for i in built if i.room is None], plan.close)
            rooms = []
            for room in event.rooms:
                if room in plan.closes:
                    sooner = plan.ends.get(room, {})
                    members = [
                        replace(i, end=at(sooner[n])) if n in sooner else i
                        for n, i in enumerate(built)
                        if i.room in (None, room)
                    ]
                    rooms.append((room, line(members, plan.closes[room])))
                else:
                    rooms.append((room, hall))
            days.append(DayLines(day.date, hall, tuple(rooms)))
        last = days[-1]
        closes = [p.close for p in (last.hall, *(p for _, p in last.rooms)) if p.items]
        return Programme(
            event=event,
            items=tuple(items),
            close=None if None in closes or not closes else max(c for c in closes if c),
            day_end=last.hall.day_end,
            source=self.source,
            days=tuple(days) if several or event.rooms else (),
        )


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug or "item"


def _unique(slug: str, taken: set[str]) -> str:
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"
