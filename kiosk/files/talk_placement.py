"""Placing imported talks on their days: the small hours kept as the night of the day
before, placeholders shelved, clashes in a room fitted, and ids made unique."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from kiosk.core.times import MORNING, closing_wall, is_evening
from kiosk.files.programme_yaml import Talk

# titles a schedule's editors give a slot that is to go: kept out of the talk beside it
_PLACEHOLDERS = {
    "bitte löschen",
    "bitte loeschen",
    "löschen",
    "loeschen",
    "delete",
    "delete me",
    "please delete",
    "tbd",
    "tba",
    "placeholder",
    "platzhalter",
    "dummy",
    "blocker",
    "reserved",
    "reserviert",
    "test",
}


def into_the_night(talks: dict[date, list[Talk]]) -> dict[date, list[Talk]]:
    """A programme day that runs past midnight is read as an evening, so it starts from 06:00
    (times before that are its night). An export's day that starts earlier and runs past
    midnight (a 04:00 set at the head of a pretalx day) gives its early talks to the night
    before, where they are on; without a day before, its small hours go to their own date."""
    days = sorted(talks)
    out = {day: list(talks[day]) for day in days}
    for k, day in enumerate(days):
        here = out[day]
        if not here or is_evening(_first(here)) or not any(_past_midnight(t, day) for t in here):
            continue
        before = days[k - 1] if k else None
        if before == day - timedelta(days=1):
            early = [t for t in here if t.start.date() == day and _clock(t) < MORNING]
            out[before].extend(
                replace(t, notes=(*t.notes, f"on in the night after {before.isoformat()}"))
                for t in early
            )
            here[:] = [t for t in here if t not in early]
    return _by_day({day: talks for day, talks in out.items() if talks})


def _past_midnight(talk: Talk, day: date) -> bool:
    return wall(talk, day) + (talk.minutes or 0) > 24 * 60


def _clock(talk: Talk) -> int:
    return talk.start.hour * 60 + talk.start.minute


def _first(talks: list[Talk]) -> int:
    return _clock(min(talks, key=lambda t: t.start))


def _by_day(talks: dict[date, list[Talk]]) -> dict[date, list[Talk]]:
    """The programme's days: a day read as an evening (its first start from 06:00) keeps its
    small hours; in a day that starts earlier, the loader would read 01:00 as that morning,
    so talks after midnight go to the day of their own date."""
    out: dict[date, list[Talk]] = {}
    for day, day_talks in sorted(talks.items()):
        first = _first(day_talks)  # as the planner reads the day: written
        for talk in day_talks:
            on = day if is_evening(first) or talk.start.date() == day else talk.start.date()
            out.setdefault(on, []).append(talk)
    return dict(sorted(out.items()))


def wall(talk: Talk, day: date) -> int:
    """The talk's start as minutes of its programme day (the small hours after 24:00)."""
    return (talk.start.date() - day).days * 24 * 60 + talk.start.hour * 60 + talk.start.minute


def fit(day: date, talks: list[Talk]) -> list[Talk]:
    """The day's talks as the programme's rules take them, each change said in a comment:
    a placeholder at the time of a talk in its room is left out (written commented out),
    talks at the same time in one room become one item, a talk that runs into the next in
    its room ends when that one starts, and none runs past the day's end."""
    limit = closing_wall(is_evening(_first(talks)))
    out: list[Talk] = []
    last: dict[str, int] = {}  # room -> index in out of its latest talk on the screens

    def shelve(k: int, beside: Talk) -> None:
        note = (
            f"a placeholder at the time of '{beside.title}' in this room: left out;"
            " remove the # marks to keep it"
        )
        out[k] = replace(out[k], shelved=True, notes=(*out[k].notes, note))

    for talk in talks:
        start = wall(talk, day)
        k = last.get(talk.room)
        if k is not None and _overlap(out[k], talk, day):
            if _is_placeholder(talk.title):
                out.append(talk)
                shelve(len(out) - 1, out[k])
                continue
            if _is_placeholder(out[k].title):
                shelve(k, talk)
                k = None
        if k is not None and wall(out[k], day) == start and out[k].title == talk.title:
            # the same talk listed twice (under two ids, or two rooms' names for one room)
            note = f"listed twice in the schedule (also as {talk.ident}): here once"
            out[k] = replace(out[k], notes=(*out[k].notes, note))
            continue
        if k is not None and wall(out[k], day) == start:  # two at once in one room
            same = out[k]
            out[k] = replace(
                same,
                title=f"{same.title} / {talk.title}",
                by=", ".join(x for x in (same.by, talk.by) if x),
                minutes=min(max(same.minutes or 0, talk.minutes or 0), limit - start) or None,
                notes=(*same.notes, "two talks at the same time in this room, here as one"),
            )
            continue
        if k is not None and out[k].minutes is not None:
            before = out[k]
            end = wall(before, day) + (before.minutes or 0)
            if end > start:
                out[k] = replace(
                    before,
                    minutes=start - wall(before, day),
                    notes=(
                        *before.notes,
                        f"runs {end - start} min into the next talk here: cut to fit",
                    ),
                )
        if talk.minutes is not None and start + talk.minutes > limit:
            talk = replace(
                talk,
                minutes=limit - start,
                notes=(
                    *talk.notes,
                    f"runs {start + talk.minutes - limit} min past the day's end: cut",
                ),
            )
        last[talk.room] = len(out)
        out.append(talk)
    return out


def _overlap(before: Talk, talk: Talk, day: date) -> bool:
    start = wall(before, day)
    return start == wall(talk, day) or start + (before.minutes or 0) > wall(talk, day)


def _is_placeholder(title: str) -> bool:
    words = " ".join("".join(c for c in title.casefold() if c.isalnum() or c.isspace()).split())
    return words in _PLACEHOLDERS or any(
        p in words for p in ("bitte löschen", "bitte loeschen", "placeholder", "platzhalter")
    )


def unique_ids(talks: list[Talk]) -> list[Talk]:
    """Ids unique by construction: a session repeated under one id (39C3 repeats talks under
    one id with another guid) keeps the id the first time and takes its guid, or the id with
    a suffix, after; the comment says which."""
    taken: set[str] = set()
    out = []
    for talk in sorted(talks, key=lambda t: (t.start, t.room, t.ident)):
        ident, guid = talk.ident.partition("\0")[::2]
        found = ident
        if found in taken:
            found = guid if guid and guid not in taken else ident
            n = 2
            while found in taken:
                found = f"{ident}-{n}"
                n += 1
            talk = replace(talk, notes=(*talk.notes, f"a repeat of {ident}: here as {found}"))
        taken.add(found)
        out.append(replace(talk, ident=found))
    return out
