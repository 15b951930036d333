"""Planned times: estimated starts between the published ones, ends and the close.

Works in whole minutes since the event day's midnight; the loader turns them into instants.
"""

from __future__ import annotations

from dataclasses import dataclass

DAY = 24 * 60


@dataclass(frozen=True)
class Draft:
    """An item as written: minutes since midnight where given, None where not."""

    line: int
    start: int | None = None
    end: int | None = None
    duration: int | None = None
    is_end: bool = False


@dataclass(frozen=True)
class Slot:
    start: int
    end: int | None  # None: runs to midnight (or the end marker, which has no length)
    estimated: bool


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def resolve(drafts: list[Draft]) -> tuple[list[Slot], int | None, list[tuple[int, str]]]:
    """Slots for every draft, the close (None: midnight), and (line, message) problems."""
    problems: list[tuple[int, str]] = []
    if not drafts:
        return [], None, [(0, "the programme has no items")]
    if drafts[0].start is None:
        problems.append((drafts[0].line, "the first item needs a start time"))
    ends = [i for i, d in enumerate(drafts) if d.is_end]
    if ends and ends[0] != len(drafts) - 1:
        after = drafts[ends[0] + 1]
        problems.append(
            (after.line, f"nothing can come after the end (kind: end, line {drafts[ends[0]].line})")
        )
    for d in drafts:
        if d.end is not None and d.start is None:
            problems.append((d.line, "an item with an end needs a start time too"))
        if d.end is not None and d.duration is not None:
            problems.append((d.line, "give an end or a duration, not both"))
        if d.end is not None and d.start is not None and d.end <= d.start:
            problems.append((d.line, f"ends at {_clock(d.end)}, not after its start"))
        if d.is_end and d.start is None:
            problems.append((d.line, "the end (kind: end) needs a start time"))
        if d.is_end and (d.end is not None or d.duration is not None):
            # it only marks the close; a length here would be read as an overflow of 0 min
            problems.append(
                (d.line, "the end (kind: end) marks the close; it has no end or duration")
            )
    last_start: Draft | None = None
    for d in drafts:
        if d.start is None:
            continue
        if last_start is not None and d.start < last_start.start:  # type: ignore[operator]
            problems.append(
                (
                    d.line,
                    f"starts at {_clock(d.start)}, before the item on line {last_start.line}"
                    f" ({_clock(last_start.start)}); starts must be in order",  # type: ignore[arg-type]
                )
            )
        last_start = d
    if problems:
        return [], None, problems

    last = drafts[-1]
    if last.is_end:
        close: int | None = last.start
    elif last.end is not None:
        close = last.end
    elif last.duration is not None and last.start is not None:
        close = last.start + last.duration
    else:
        close = None
    if close is not None and close > DAY:
        return [], None, [(last.line, "the programme must close by midnight")]

    starts: list[int] = [0] * len(drafts)
    anchors = [i for i, d in enumerate(drafts) if d.start is not None]
    for n, a in enumerate(anchors):
        b = anchors[n + 1] if n + 1 < len(anchors) else len(drafts)
        limit = drafts[b].start if b < len(drafts) else (close if close is not None else DAY)
        begin, end_a = drafts[a].start, drafts[a].end
        assert limit is not None and begin is not None
        if end_a is not None and end_a > limit and b < len(drafts):
            # say so in the words the organiser used (an end), not as a sum of durations
            problems.append(
                (
                    drafts[a].line,
                    f"ends at {_clock(end_a)}, after the next start"
                    f" ({_clock(limit)}, line {drafts[b].line})",
                )
            )
            continue
        _fill(drafts, a, b, begin, limit, starts, problems)
    if problems:
        return [], None, problems
    if close is None and last.duration is not None:
        # a last item with a duration but no start still ends: that end is the close, or the
        # screen would show it as running on until midnight
        close = starts[-1] + last.duration

    slots = []
    for i, d in enumerate(drafts):
        if d.is_end:
            end: int | None = None
        elif d.end is not None:
            end = d.end
        elif d.duration is not None:
            end = starts[i] + d.duration
        elif i + 1 < len(drafts):
            end = starts[i + 1]
        else:
            end = close
        slots.append(Slot(starts[i], end, d.start is None))
    return slots, close, problems


def _fill(
    drafts: list[Draft],
    a: int,
    b: int,
    begin: int,
    limit: int,
    starts: list[int],
    problems: list[tuple[int, str]],
) -> None:
    """Lay items a..b-1 over begin..limit: durations as given, the rest share what is left."""
    span = limit - begin
    lengths = [
        d.duration
        if d.duration is not None
        else (d.end - d.start if d.end is not None and d.start is not None else None)
        for d in drafts[a:b]
    ]
    given = sum(x for x in lengths if x is not None)
    if given > span:
        used = 0
        for d, length in zip(drafts[a:b], lengths, strict=True):
            used += length or 0
            if used > span:
                problems.append(
                    (
                        d.line,
                        f"durations add up to {given} min, but {_clock(begin)} to {_clock(limit)}"
                        f" leaves {span} min",
                    )
                )
                return
    free = sum(1 for x in lengths if x is None)
    rest = span - given
    used = free_before = 0
    for offset, length in enumerate(lengths):
        starts[a + offset] = begin + used + (rest * free_before // free if free else 0)
        if length is None:
            free_before += 1
        else:
            used += length
