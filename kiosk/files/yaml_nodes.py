"""Reading YAML node by node: every value keeps its line, every problem names it.

The YAML is walked node by node rather than turned into Python values, so that every field
keeps its line and every time is read as written: YAML 1.1 turns an unquoted 14:00 into the
integer 840 and 13.30 into the float 13.3, which is not what anybody meant. `NodeReader` holds
what every field of a programme is read with; the loader reads the programme's shape with it.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

import pendulum
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.core.problems import Problem, ProgrammeError, did_you_mean, plain_message
from kiosk.core.times import TimeError, parse_clock

# libyaml's parser where PyYAML has it: ten times faster on a large programme, same nodes
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 32  # a programme nests 4 deep; PyYAML slows quadratically on deep flow nesting
FIELD_HINT = 0.7  # how near a misspelt field name must be to a known one for "did you mean"
YEARS = (1900, 2999)  # beyond these, instants overflow (9999-12-31 + a day) or make no sense
_TRUE = {"true", "yes", "on", "ja"}
FALSE = {"false", "no", "off", "nee"}


class _Mark(Protocol):  # PyYAML's and libyaml's marks alike
    line: int


def _line(mark: _Mark | None) -> int:
    """The 1-based line of a parser event (line 1 when PyYAML gives no mark)."""
    return mark.line + 1 if mark is not None else 1


def line_of(node: Node) -> int:
    return int(node.start_mark.line) + 1


class NodeReader:
    """Reads values off nodes, collecting every problem with its line."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []
        self.times_ok = True  # False once a start, end or duration could not be read

    def fail(self, node: Node | int, message: str) -> None:
        line = node if isinstance(node, int) else line_of(node)
        self.problems.append(Problem(self.source, line, plain_message(message)))

    def done(self) -> None:
        if self.problems:
            raise ProgrammeError(self.problems)

    def compose(self, text: str) -> Node | None:
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

    def fields(self, node: MappingNode, allowed: tuple[str, ...], where: str) -> dict[str, Node]:
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
                hint = did_you_mean(key, allowed, FIELD_HINT, f"known: {', '.join(allowed)}")
                self.fail(key_node, f"unknown field '{key}' in {where}{hint}")
                continue
            out[key] = value
        return out

    def text(self, node: Node, what: str, required: bool = False) -> str | None:
        if isinstance(node, ScalarNode):
            if node.tag == "tag:yaml.org,2002:null" or not node.value.strip():
                if required:
                    self.fail(node, f"{what} is empty")
                return None
            return str(node.value).strip()
        self.fail(node, f"{what} must be text")
        return None

    def texts(self, node: Node, what: str) -> tuple[str, ...]:
        if isinstance(node, SequenceNode):
            return tuple(t for n in node.value if (t := self.text(n, f"each of {what}")))
        one = self.text(node, what)
        return (one,) if one else ()

    def calendar_date(self, node: Node) -> date | None:
        text = self.text(node, "date", True)
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

    def timezone(self, node: Node) -> str | None:
        text = self.text(node, "timezone", True)
        if text is None:
            return None
        try:
            pendulum.timezone(text)
        except Exception:  # pendulum raises its own kinds for unknown zones
            self.fail(node, f"timezone '{text}' is unknown; write it like Europe/Amsterdam")
            return None
        return text

    def flag(self, node: Node, what: str) -> bool:
        text = (self.text(node, what) or "").lower()
        if text in _TRUE:
            return True
        if text not in FALSE:
            self.fail(node, f"{what} must be true or false, not '{text}'")
        return False

    def clock(self, node: Node, what: str) -> int | None:
        text = self.text(node, what, True)
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
