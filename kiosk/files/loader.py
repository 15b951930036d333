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
from typing import Any, Protocol

import pendulum
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.core.model import Event, Item, Programme, Venue
from kiosk.core.problems import Problem, ProgrammeError
from kiosk.core.schedule import Draft, Slot, resolve
from kiosk.core.text import displayable
from kiosk.core.times import MORNING, Day, TimeError, parse_clock, parse_duration

MAX_BYTES = 1024 * 1024
# libyaml's parser where PyYAML has it: ten times faster on a large programme, same nodes
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TOP_FIELDS = ("event", "programme")
EVENT_FIELDS = (
    "title",
    "subtitle",
    "organisers",
    "date",
    "timezone",
    "language",
    "venue",
    "notes",
)
VENUE_FIELDS = ("name", "address")
ITEM_FIELDS = ("title", "start", "end", "duration", "by", "description", "kind", "fixed", "id")
LANGUAGES = ("nl", "en")
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


class _Reader:
    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []
        self.times_ok = True  # False once a start, end or duration could not be read

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
        for key in TOP_FIELDS:
            if key not in top:
                self.fail(root, f"'{key}:' is missing")
        event = self._event(top["event"]) if "event" in top else None
        parsed = self._items(top["programme"]) if "programme" in top else []
        # the schedule and the ids are checked even when other fields are wrong, so that all
        # errors of a file come in one report; not when a time is unreadable (it would only
        # produce follow-on errors about a start that is not there)
        plan = self._plan(parsed, event) if parsed and self.times_ok else None
        self._check_ids(parsed)
        self.done()
        assert event is not None and plan is not None
        return self._build(event, parsed, *plan)

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

    def _event(self, node: Node) -> Event | None:
        if not isinstance(node, MappingNode):
            self.fail(node, "'event:' must be a mapping of title, date, timezone, ...")
            return None
        f = self._fields(node, EVENT_FIELDS, "event")
        for key in ("title", "date", "timezone"):
            if key not in f:
                self.fail(node, f"event '{key}:' is missing")
        title = self._text(f["title"], "event title", True) if "title" in f else None
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
        )

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

    def _items(self, node: Node) -> list[tuple[dict[str, Any], Draft]]:
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
        draft = Draft(line, start, end, duration, fields.get("kind") == "end")
        return fields, draft

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

    def _plan(
        self, parsed: list[tuple[dict[str, Any], Draft]], event: Event | None
    ) -> tuple[Day, list[Slot], int | None] | None:
        """The wall times as real minutes of the day, then the schedule between them."""
        first = next((f["walls"]["start"][0] for f, _ in parsed if "start" in f["walls"]), 0)
        # with a broken event the schedule is still checked, on a day without clock changes
        when, tz = (event.date, event.timezone) if event else (date(2001, 1, 1), "UTC")
        day = Day(when, tz, evening=first >= MORNING)
        drafts, skipped = [], False
        for fields, draft in parsed:
            real: dict[str, int] = {}
            for key, (wall, node) in fields["walls"].items():
                try:
                    real[key] = day.minutes(wall)
                except TimeError as exc:
                    self.fail(node, f"{key}: {exc}")
                    skipped = True
            drafts.append(replace(draft, start=real.get("start"), end=real.get("end")))
        if skipped:  # the schedule would only add follow-on errors about the missing time
            return None
        slots, close, problems = resolve(drafts, day.limit, day.label)
        for line, message in problems:
            self.fail(line or 1, message)
        return day, slots, close

    def _check_ids(self, parsed: list[tuple[dict[str, Any], Draft]]) -> None:
        explicit: dict[str, int] = {}
        for fields, _ in parsed:
            item_id = fields.get("id")
            if item_id in explicit:
                self.fail(
                    fields["line"], f"id '{item_id}' is also used on line {explicit[item_id]}"
                )
            elif item_id:
                explicit[item_id] = fields["line"]

    def _build(
        self,
        event: Event,
        parsed: list[tuple[dict[str, Any], Draft]],
        day: Day,
        slots: list[Slot],
        close: int | None,
    ) -> Programme:
        def at(minutes: int | None) -> datetime | None:
            return None if minutes is None else day.instant(minutes)

        taken = {fields["id"] for fields, _ in parsed if fields.get("id")}
        items = []
        for (fields, _), slot in zip(parsed, slots, strict=True):
            item_id = fields.get("id") or _unique(slugify(displayable(fields["title"])), taken)
            taken.add(item_id)
            start = at(slot.start)
            assert start is not None
            items.append(
                Item(
                    id=item_id,
                    title=fields["title"],
                    start=start,
                    end=at(slot.end),
                    estimated=slot.estimated,
                    by=fields.get("by"),
                    description=fields.get("description"),
                    kind=fields.get("kind"),
                    fixed=bool(fields.get("fixed")),
                    line=fields["line"],
                )
            )
        return Programme(
            event=event,
            items=tuple(items),
            close=at(close),
            day_end=day.instant(day.limit),
            source=self.source,
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
