"""Estimated starts, ends and the close (kiosk.core.schedule.resolve), in minutes since midnight."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.schedule import Draft, Slot, resolve

DAY = 24 * 60  # the latest close these drafts may have


def m(hhmm: str) -> int:
    hour, minute = hhmm.split(":")
    return int(hour) * 60 + int(minute)


def hm(minutes: int | None) -> str | None:
    return None if minutes is None else f"{minutes // 60:02d}:{minutes % 60:02d}"


def label(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def ok(drafts: list[Draft]) -> tuple[list[Slot], int | None]:
    slots, close, problems = resolve(drafts, DAY, label)
    assert problems == []
    assert len(slots) == len(drafts)
    return slots, close


def refused(drafts: list[Draft]) -> list[tuple[int, str]]:
    slots, close, problems = resolve(drafts, DAY, label)
    assert problems, "expected the drafts to be refused"
    assert slots == [] and close is None
    return problems


def starts(slots: list[Slot]) -> list[str | None]:
    return [hm(s.start) for s in slots]


def ends(slots: list[Slot]) -> list[str | None]:
    return [hm(s.end) for s in slots]


# -- estimated starts -----------------------------------------------------------------------


def test_items_between_two_starts_share_the_time_evenly() -> None:
    slots, close = ok(
        [
            Draft(1, start=m("14:00")),
            Draft(2),
            Draft(3),
            Draft(4, start=m("15:00"), is_end=True),
        ]
    )
    assert starts(slots) == ["14:00", "14:20", "14:40", "15:00"]
    assert ends(slots) == ["14:20", "14:40", "15:00", None]
    assert [s.estimated for s in slots] == [False, True, True, False]
    assert close == m("15:00")


def test_items_with_a_duration_take_it_and_the_rest_share_what_is_left() -> None:
    slots, _ = ok(
        [
            Draft(1, start=m("14:00")),
            Draft(2, duration=15),
            Draft(3),
            Draft(4, start=m("15:00")),
        ]
    )
    # 60 - 15 = 45 minutes for the two without a duration: 22 and 23 in whole minutes
    assert starts(slots) == ["14:00", "14:22", "14:37", "15:00"]
    assert ends(slots)[:3] == ["14:22", "14:37", "15:00"]


def test_the_published_item_with_a_duration_takes_it_first() -> None:
    slots, _ = ok([Draft(1, start=m("14:00"), duration=30), Draft(2), Draft(3, start=m("15:00"))])
    assert starts(slots) == ["14:00", "14:30", "15:00"]
    assert ends(slots)[:2] == ["14:30", "15:00"]


def test_durations_that_leave_a_gap_keep_it_before_the_next_start() -> None:
    slots, _ = ok(
        [Draft(1, start=m("14:00"), duration=20), Draft(2, duration=10), Draft(3, start=m("15:00"))]
    )
    assert starts(slots) == ["14:00", "14:20", "15:00"]
    assert ends(slots)[:2] == ["14:20", "14:30"]


def test_durations_exactly_filling_the_gap_are_fine() -> None:
    slots, _ = ok(
        [Draft(1, start=m("14:00"), duration=30), Draft(2, duration=30), Draft(3, start=m("15:00"))]
    )
    assert starts(slots) == ["14:00", "14:30", "15:00"]


def test_estimated_starts_are_whole_minutes() -> None:
    slots, _ = ok([Draft(1, start=m("14:00")), Draft(2), Draft(3), Draft(4, start=m("14:10"))])
    assert [s.start for s in slots] == [m("14:00"), m("14:03"), m("14:06"), m("14:10")]
    assert all(isinstance(s.start, int) for s in slots)


def test_more_items_than_minutes_may_share_a_start() -> None:
    drafts = [Draft(1, start=m("14:00"))] + [Draft(i) for i in range(2, 7)]
    slots, _ = ok([*drafts, Draft(7, start=m("14:02"), is_end=True)])
    assert starts(slots) == ["14:00", "14:00", "14:00", "14:01", "14:01", "14:01", "14:02"]


def test_two_published_starts_may_coincide() -> None:
    slots, _ = ok(
        [Draft(1, start=m("14:00")), Draft(2, start=m("14:00")), Draft(3, start=m("15:00"))]
    )
    assert starts(slots)[:2] == ["14:00", "14:00"]
    assert ends(slots)[0] == "14:00"


def test_each_gap_is_filled_on_its_own() -> None:
    slots, _ = ok(
        [
            Draft(1, start=m("10:00")),
            Draft(2),
            Draft(3, start=m("12:00")),
            Draft(4),
            Draft(5),
            Draft(6),
            Draft(7, start=m("13:00"), is_end=True),
        ]
    )
    assert starts(slots) == ["10:00", "11:00", "12:00", "12:15", "12:30", "12:45", "13:00"]


# -- the close ------------------------------------------------------------------------------


def test_close_from_the_end_marker_which_has_no_length() -> None:
    slots, close = ok([Draft(1, start=m("17:00")), Draft(2, start=m("18:00"), is_end=True)])
    assert close == m("18:00")
    assert slots[-1] == Slot(m("18:00"), None, False)
    assert ends(slots)[0] == "18:00"


def test_close_from_the_end_of_the_last_item() -> None:
    slots, close = ok([Draft(1, start=m("14:00")), Draft(2, start=m("15:00"), end=m("16:30"))])
    assert close == m("16:30")
    assert ends(slots) == ["15:00", "16:30"]


def test_close_from_the_start_and_duration_of_the_last_item() -> None:
    slots, close = ok([Draft(1, start=m("14:00")), Draft(2, start=m("15:00"), duration=45)])
    assert close == m("15:45")
    assert ends(slots)[-1] == "15:45"


def test_close_from_a_last_item_with_only_a_duration() -> None:
    # it ends at 15:00; the close must say so too, or it would run on to midnight on screen
    slots, close = ok([Draft(1, start=m("14:00"), duration=30), Draft(2, duration=30)])
    assert starts(slots) == ["14:00", "14:30"]
    assert ends(slots) == ["14:30", "15:00"]
    assert close == m("15:00")


def test_without_a_close_the_last_item_runs_to_midnight() -> None:
    slots, close = ok([Draft(1, start=m("14:00")), Draft(2, start=m("17:00"))])
    assert close is None
    assert slots[-1] == Slot(m("17:00"), None, False)


def test_without_a_close_the_last_item_has_an_open_end() -> None:
    slots, close = ok([Draft(1, start=m("20:00"), duration=80), Draft(2)])
    assert close is None
    assert starts(slots) == ["20:00", "21:20"]
    assert ends(slots) == ["21:20", None]
    assert slots[-1].estimated


def test_without_a_close_there_is_no_time_to_share_after_the_last_start() -> None:
    # the old reading (share the evening up to midnight) invented times: say what to write
    problems = refused([Draft(1, start=m("20:00")), Draft(2), Draft(3)])
    assert problems == [
        (
            2,
            "no start, and nothing says when the programme ends: give this item a start,"
            " the item before it a duration, or add the end (kind: end)",
        )
    ]


def test_an_end_without_a_start_is_a_published_time_the_items_before_share() -> None:
    slots, close = ok(
        [Draft(1, start=m("14:00")), Draft(2), Draft(3, end=m("16:30")), Draft(4, duration=30)]
    )
    assert starts(slots) == ["14:00", "14:50", "15:40", "16:30"]
    assert ends(slots) == ["14:50", "15:40", "16:30", "17:00"]
    assert [s.estimated for s in slots] == [False, True, True, True]
    assert close == m("17:00")


def test_an_end_without_a_start_may_close_the_programme() -> None:
    slots, close = ok([Draft(1, start=m("14:00")), Draft(2, end=m("16:30"))])
    assert starts(slots) == ["14:00", "15:15"] and close == m("16:30")


def test_an_end_without_a_start_before_the_next_start_leaves_a_gap() -> None:
    slots, _ = ok(
        [Draft(1, start=m("14:00")), Draft(2, end=m("16:00")), Draft(3, start=m("19:30"))]
    )
    assert starts(slots) == ["14:00", "15:00", "19:30"]
    assert ends(slots)[:2] == ["15:00", "16:00"]


def test_an_end_after_the_next_start_is_refused() -> None:
    problems = refused(
        [Draft(1, start=m("14:00")), Draft(2, end=m("16:00")), Draft(3, start=m("15:30"))]
    )
    assert problems == [(2, "ends at 16:00, after the next start (15:30, line 3)")]


def test_an_item_with_an_end_before_the_next_start_leaves_a_gap() -> None:
    slots, _ = ok(
        [Draft(1, start=m("14:00"), end=m("14:30")), Draft(2), Draft(3, start=m("16:00"))]
    )
    assert starts(slots) == ["14:00", "14:30", "16:00"]
    assert ends(slots)[:2] == ["14:30", "16:00"]


def test_the_last_item_may_end_at_midnight() -> None:
    _, close = ok([Draft(1, start=m("23:00"), duration=60)])
    assert close == DAY


# -- refusals -------------------------------------------------------------------------------


def test_no_items() -> None:
    assert resolve([], DAY, label) == ([], None, [(0, "the programme has no items")])


def test_first_item_without_a_start() -> None:
    assert refused([Draft(3), Draft(4, start=m("14:00"))]) == [
        (3, "the first item needs a start time")
    ]


def test_starts_out_of_order() -> None:
    assert refused([Draft(3, start=m("14:00")), Draft(4), Draft(5, start=m("13:00"))]) == [
        (5, "starts at 13:00, before the item on line 3 (14:00); starts must be in order")
    ]


def test_each_start_out_of_order_is_named() -> None:
    problems = refused(
        [Draft(3, start=m("14:00")), Draft(4, start=m("12:00")), Draft(5, start=m("11:00"))]
    )
    assert [line for line, _ in problems] == [4, 5]
    assert problems[1] == (
        5,
        "starts at 11:00, before the item on line 4 (12:00); starts must be in order",
    )


def test_nothing_after_the_end() -> None:
    assert refused(
        [Draft(3, start=m("14:00")), Draft(4, start=m("15:00"), is_end=True), Draft(5)]
    ) == [(5, "nothing can come after the end (kind: end, line 4)")]


def test_end_and_duration_both() -> None:
    assert refused([Draft(3, start=m("14:00"), end=m("15:00"), duration=60)]) == [
        (3, "give an end or a duration, not both")
    ]


@pytest.mark.parametrize("end", ["13:00", "14:00"])
def test_end_not_after_start(end: str) -> None:
    assert refused([Draft(3, start=m("14:00"), end=m(end))]) == [
        (3, f"ends at {end}, not after its start")
    ]


def test_end_marker_without_start() -> None:
    problems = refused([Draft(3, start=m("14:00")), Draft(4, is_end=True)])
    assert problems == [(4, "the end (kind: end) needs a start time")]


@pytest.mark.parametrize(
    "marker",
    [
        Draft(4, start=m("15:00"), duration=10, is_end=True),
        Draft(4, start=m("15:00"), end=m("16:00"), is_end=True),
    ],
)
def test_end_marker_has_no_length(marker: Draft) -> None:
    assert refused([Draft(3, start=m("14:00")), marker]) == [
        (4, "the end (kind: end) marks the close; it has no end or duration")
    ]


def test_durations_overflowing_their_gap() -> None:
    problems = refused(
        [
            Draft(3, start=m("14:00"), duration=30),
            Draft(4, duration=20),
            Draft(5, duration=20),
            Draft(6, start=m("15:00")),
        ]
    )
    # named on the first item that no longer fits
    assert problems == [(5, "durations add up to 70 min, but 14:00 to 15:00 leaves 60 min")]


def test_durations_overflowing_midnight() -> None:
    assert refused([Draft(3, start=m("23:00"), duration=30), Draft(4, duration=90), Draft(5)]) == [
        (4, "durations add up to 120 min, but 23:00 to 24:00 leaves 60 min")
    ]


def test_last_item_running_past_midnight() -> None:
    assert refused([Draft(3, start=m("23:00"), duration=90)]) == [
        (3, "the programme must close by 24:00")
    ]


def test_end_after_the_next_start() -> None:
    assert refused([Draft(3, start=m("14:00"), end=m("16:00")), Draft(4, start=m("15:00"))]) == [
        (3, "ends at 16:00, after the next start (15:00, line 4)")
    ]


def test_all_problems_at_once() -> None:
    problems = refused(
        [
            Draft(3),
            Draft(4, start=m("14:00"), end=m("13:00")),
            Draft(5, start=m("12:00")),
            Draft(6, start=m("15:00"), is_end=True),
            Draft(7),
        ]
    )
    assert sorted(line for line, _ in problems) == [3, 4, 5, 7]


# -- property: any valid programme resolves sensibly ----------------------------------------


@st.composite
def valid_programmes(draw: st.DrawFn) -> tuple[list[Draft], str]:
    """Published starts in order, items between them whose durations fit, and a way to close."""
    published = sorted(draw(st.lists(st.integers(0, 1380), min_size=1, max_size=6)))
    how = draw(st.sampled_from(["marker", "last end", "none"]))
    close = None
    if how == "marker":
        close = draw(st.integers(published[-1], DAY - 1))
    elif how == "last end":
        close = draw(st.integers(published[-1] + 1, DAY - 1))
    drafts: list[Draft] = []
    line = 6
    for n, begin in enumerate(published):
        last_anchor = n + 1 == len(published)
        limit = published[n + 1] if not last_anchor else (close if close is not None else DAY)
        budget = limit - begin
        if last_anchor and how == "last end":
            drafts.append(Draft(line, start=begin, end=close))
            line += 1
            continue

        def length() -> int | None:
            nonlocal budget
            if budget < 1 or not draw(st.booleans()):
                return None
            taken = draw(st.integers(1, budget))
            budget -= taken
            return taken

        # with an open end nothing says how long the rest is: all but the last need a length
        open_end = last_anchor and how == "none"
        more = draw(st.integers(0, 5))
        lengths = [length() for _ in range(more + 1)]
        if open_end:  # the lengths fit: without one an item takes the last free minute
            room = limit - begin - sum(x or 0 for x in lengths)
            for k in range(len(lengths) - 1):
                if lengths[k] is None:
                    if room < 1:
                        del lengths[k + 1 :]
                        break
                    lengths[k], room = 1, room - 1
        drafts.append(Draft(line, start=begin, duration=lengths[0]))
        line += 1
        for taken in lengths[1:]:
            drafts.append(Draft(line, duration=taken))
            line += 1
    if how == "marker":
        drafts.append(Draft(line, start=close, is_end=True))
    return drafts, how


@given(valid_programmes())
@settings(max_examples=200, deadline=None)
def test_valid_programmes_resolve_sensibly(case: tuple[list[Draft], str]) -> None:
    drafts, how = case
    slots, close = ok(drafts)
    begins = [s.start for s in slots]
    assert all(isinstance(b, int) for b in begins)
    assert begins == sorted(begins), "starts never go back"
    anchors = [i for i, d in enumerate(drafts) if d.start is not None]
    for i, (d, s) in enumerate(zip(drafts, slots, strict=True)):
        if d.start is not None:
            assert s.start == d.start and not s.estimated, "published starts are kept exactly"
        else:
            assert s.estimated
            before = max(a for a in anchors if a < i)
            after = [a for a in anchors if a > i]
            limit = drafts[after[0]].start if after else (close if close is not None else DAY)
            assert drafts[before].start <= s.start <= limit, "estimated within their gap"
        if s.end is None:
            assert d.is_end or i == len(drafts) - 1, "only the last item has an open end"
        else:
            assert s.start <= s.end <= DAY
        if d.duration is not None:
            assert s.end == s.start + d.duration
        elif d.end is not None:
            assert s.end == d.end
        elif not d.is_end and i + 1 < len(drafts):
            assert s.end == slots[i + 1].start, "no gap after an item without a length"
    if how == "marker":
        assert close == drafts[-1].start and slots[-1].end is None
    elif how == "last end":
        assert close == drafts[-1].end == slots[-1].end
    elif drafts[-1].duration is not None:
        assert close == slots[-1].end
    else:
        assert close is None and slots[-1].end is None
    # the items without a length in one gap share it evenly: whole minutes, at most 1 apart
    for n, a in enumerate(anchors):
        b = anchors[n + 1] if n + 1 < len(anchors) else len(drafts)
        shares = [
            slots[i].end - slots[i].start  # type: ignore[operator]
            for i in range(a, b)
            if drafts[i].duration is None
            and drafts[i].end is None
            and slots[i].end is not None
            and not drafts[i].is_end
        ]
        if shares:
            assert max(shares) - min(shares) <= 1
