"""Planned times: estimated starts between the published ones, ends and the close.

Works in whole real minutes since the event day's midnight; the loader turns them into
instants, and says them back in the organiser's wall-clock words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

Label = Callable[[int], str]  # minutes -> the time as the organiser wrote it, for messages


class Draft(NamedTuple):
    """An item as written: its published times as real minutes since the day's midnight (an
    hour of a day the clocks change is 60 minutes, like any other), None where not given."""

    line: int
    start: int | None = None
    end: int | None = None
    duration: int | None = None
    is_end: bool = False


class Slot(NamedTuple):
    start: int
    end: int | None  # None: an open end (or the end marker, which has no length)
    estimated: bool


def resolve(
    drafts: list[Draft], limit: int, label: Label
) -> tuple[list[Slot], int | None, list[tuple[int, str]]]:
    """Slots for every draft, the close (None: an open end), and (line, message) problems.

    `limit` is the latest the programme may close (midnight, or the next morning for an
    evening); `label` says a time in the organiser's words.
    """
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
        if d.end is not None and d.duration is not None:
            problems.append((d.line, "give an end or a duration, not both"))
        if d.end is not None and d.start is not None and d.end <= d.start:
            problems.append((d.line, f"ends at {label(d.end)}, not after its start"))
        if d.is_end and d.start is None:
            problems.append((d.line, "the end (kind: end) needs a start time"))
        if d.is_end and (d.end is not None or d.duration is not None):
            # it only marks the close; a length here would be read as an overflow of 0 min
            problems.append(
                (d.line, "the end (kind: end) marks the close; it has no end or duration")
            )
    _check_order(drafts, label, problems)
    if problems:
        return [], None, problems

    last = drafts[-1]
    close: int | None = None
    if last.is_end:
        close = last.start
    elif last.end is not None:
        close = last.end
    elif last.duration is not None and last.start is not None:
        close = last.start + last.duration
    if close is not None and close > limit:
        return [], None, [(last.line, f"the programme must close by {label(limit)}")]

    # the published times the items between them share: starts, and the end of an item whose
    # next item has no start of its own (that one starts then)
    known: dict[int, int] = {i: d.start for i, d in enumerate(drafts) if d.start is not None}
    for i, d in enumerate(drafts[:-1]):
        if d.end is not None and drafts[i + 1].start is None:
            known[i + 1] = d.end
    if close is not None and not last.is_end:
        known[len(drafts)] = close
    starts: list[int] = [0] * len(drafts)
    anchors = sorted(known)
    for n, a in enumerate(anchors):
        if a == len(drafts):
            break
        b = anchors[n + 1] if n + 1 < len(anchors) else len(drafts)
        begin = known[a]
        if b == len(drafts) and b not in known:
            _open(drafts, a, begin, limit, starts, problems, label)
            continue
        # an item that ends before the next start shares only up to its end: a gap follows
        own_end = drafts[b - 1].end
        until = own_end if own_end is not None else known[b]
        _fill(drafts, a, b, begin, until, starts, problems, label)
    if problems:
        return [], None, problems
    if close is None and last.duration is not None:
        # a last item with a duration but no start still ends: that end is the close
        close = starts[-1] + last.duration
        if close > limit:
            return [], None, [(last.line, f"the programme must close by {label(limit)}")]

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


def _check_order(drafts: list[Draft], label: Label, problems: list[tuple[int, str]]) -> None:
    """Published times in order: every start, and every end that the next items start from."""
    last: tuple[int, int, str] | None = None  # (minutes, line, what)
    for i, d in enumerate(drafts):
        if d.start is not None:
            if last is not None and d.start < last[0]:
                problems.append(
                    (
                        d.line,
                        f"starts at {label(d.start)}, before the {last[2]} on line {last[1]}"
                        f" ({label(last[0])}); starts must be in order",
                    )
                )
            last = (d.start, d.line, "item")
        if d.end is not None and (d.start is None or d.end > d.start):  # else: said above
            nxt = drafts[i + 1] if i + 1 < len(drafts) else None
            if nxt is not None and nxt.start is not None and nxt.start < d.end:
                problems.append(
                    (
                        d.line,
                        f"ends at {label(d.end)}, after the next start"
                        f" ({label(nxt.start)}, line {nxt.line})",
                    )
                )
                continue  # said once, here: not again as the next start being early
            elif d.start is None and last is not None and d.end <= last[0]:
                problems.append(
                    (
                        d.line,
                        f"ends at {label(d.end)}, before the {last[2]} on line {last[1]}"
                        f" ({label(last[0])}); times must be in order",
                    )
                )
            last = (d.end, d.line, "end")


def _open(
    drafts: list[Draft],
    a: int,
    begin: int,
    limit: int,
    starts: list[int],
    problems: list[tuple[int, str]],
    label: Label,
) -> None:
    """After the last published time, with no close: each item but the last needs a duration
    (nothing says how long the evening is to share); the last has an open end."""
    at = begin
    for i in range(a, len(drafts)):
        starts[i] = at
        d = drafts[i]
        if i + 1 < len(drafts):
            if d.duration is None:
                problems.append(
                    (
                        drafts[i + 1].line,
                        "no start, and nothing says when the programme ends: give this item a"
                        " start, the item before it a duration, or add the end (kind: end)",
                    )
                )
                return
            at += d.duration
            if at > limit:
                problems.append((d.line, _overflow(at - begin, begin, limit, label)))
                return


def _overflow(given: int, begin: int, limit: int, label: Label) -> str:
    return (
        f"durations add up to {given} min, but {label(begin)} to {label(limit)}"
        f" leaves {limit - begin} min"
    )


def _fill(
    drafts: list[Draft],
    a: int,
    b: int,
    begin: int,
    limit: int,
    starts: list[int],
    problems: list[tuple[int, str]],
    label: Label,
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
                problems.append((d.line, _overflow(given, begin, limit, label)))
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
