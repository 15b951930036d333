"""Writing the programme.yaml text of an imported schedule: the event, its days, and each
talk as an item an organiser can read and edit, with comments for what the import found."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

import yaml

from kiosk.files.loader import URL_MOST

# what YAML does not allow unescaped in a file (its printable set, YAML 1.1 section 5.1)
UNPRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
# libyaml's safe loader where PyYAML has it: reading back each value is most of the import
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Talk:
    """One item of the programme as the import writes it."""

    start: datetime  # in the event's timezone
    minutes: int | None
    room: str
    title: str
    by: str
    kind: str | None
    ident: str
    description: str
    about: str  # the track and the talk's page, for a comment above it
    listed: int = 0  # the index of the export's day that lists it
    rebuilt: bool = False  # placed by its day and start, not by its own date
    notes: tuple[str, ...] = ()  # what the import changed or found, for comments
    shelved: bool = False  # a placeholder left out: written as a commented-out item


def programme_lines(
    title: str,
    language: str,
    zone: tuple[str, str],
    rooms: list[str],
    left_out: list[str],
    url: str,
    talks: dict[date, list[Talk]],
    source: str,
) -> Iterator[str]:
    yield "# yaml-language-server: $schema=./programme.schema.json"
    yield "#"
    yield f"# Imported from {source} by `kiosk import`. Edit it freely: a new import replaces it,"
    yield "# and the ids (from the schedule's) keep the host's place across an import."
    yield "# Check an edit with:  kiosk check programme.yaml"
    yield "event:"
    yield f"  title: {scalar(title)}"
    yield f"  timezone: {zone[0]}  # {zone[1]}"
    yield f"  language: {language}"
    if left_out:
        yield f"  # rooms without events, left out: {UNPRINTABLE.sub('', ', '.join(left_out))}"
    if rooms:  # a calendar of one place has none: its items are for everyone
        yield f"  rooms: [{', '.join(scalar(r, flow=True) for r in rooms)}]"
    if re.fullmatch(r"https?://[^\s/]+\S*", url) and len(url) <= URL_MOST:
        yield f"  url: {scalar(url)}  # the conference's page: a QR code on large screens"
    elif url:
        yield f"  notes: [{scalar(url, flow=True)}]"
    days = sorted(talks)
    if len(days) == 1:
        yield f"  date: {days[0].isoformat()}"
        yield "programme:"
        yield from _items(talks[days[0]], "  ", days[0])
        return
    yield "days:"
    for day in days:
        yield f"  - date: {day.isoformat()}"
        yield "    programme:"
        yield from _items(talks[day], "      ", day)


def _items(talks: list[Talk], indent: str, day: date) -> Iterator[str]:
    night = False
    for talk in talks:
        if not night and talk.start.date() > day:
            night = True
            yield (
                f"{indent}# after midnight: the night into {talk.start.date().isoformat()},"
                " still this day's (a day that starts from 06:00 runs to 06:00)"
            )
        for comment in (talk.about, *talk.notes):
            if comment:
                yield f"{indent}# {UNPRINTABLE.sub('', comment)}"
        mark = "# " if talk.shelved else ""
        yield f"{indent}{mark}- start: {talk.start.strftime('%H:%M')}"
        pad = indent + mark + "  "
        if talk.minutes:
            yield f"{pad}duration: {talk.minutes}"
        if talk.room:
            yield f"{pad}room: {scalar(talk.room)}"
        yield f"{pad}title: {scalar(talk.title)}"
        if talk.by:
            yield f"{pad}by: {scalar(talk.by)}"
        if talk.description:
            yield f"{pad}description: {scalar(talk.description)}"
        if talk.kind:
            yield f"{pad}kind: {scalar(talk.kind)}"
        yield f"{pad}id: {scalar(talk.ident)}"


@functools.lru_cache(maxsize=4096)  # rooms, speakers and kinds come back again and again
def scalar(text: str, flow: bool = False) -> str:
    """Text as YAML writes it by hand: plain where YAML reads it back the same, else quoted."""
    one = " ".join(text.split())
    probe = f"[{one}]" if flow else one
    try:
        back = yaml.load(probe, Loader=_FAST)
    except yaml.YAMLError:
        back = None
    same = back == [one] if flow else back == one
    if same and one and not one.startswith(("#", "-", "&", "*", "!", "%", "@", "`")):
        return one
    # JSON's escapes are YAML's; YAML also refuses raw what JSON leaves raw (DEL, C1, ...)
    quoted = json.dumps(one, ensure_ascii=False)
    return UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", quoted)
