"""Times and durations as organisers and hosts write them (kiosk.core.times)."""

from __future__ import annotations

from datetime import date

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.times import (
    TimeError,
    midnight_after,
    on_day,
    parse_clock,
    parse_duration,
    parse_when,
)

DAY = date(2022, 11, 22)
TZ = "Europe/Amsterdam"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:00", (14, 0)),
        ("14.00", (14, 0)),  # the Dutch way, as on the event page
        ("13.30", (13, 30)),
        ("09:30", (9, 30)),
        ("9:30", (9, 30)),
        ("9:05", (9, 5)),
        ("0:00", (0, 0)),
        ("23:59", (23, 59)),
        (" 14:00 ", (14, 0)),
        ("13.30 uur", (13, 30)),
    ],
)
def test_parse_clock_reads_times_as_written(text: str, expected: tuple[int, int]) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize("text", ["14:75", "24:00", "25:00", "99.99"])
def test_parse_clock_refuses_times_outside_the_day(text: str) -> None:
    with pytest.raises(TimeError) as info:
        parse_clock(text)
    assert str(info.value) == f"'{text}' is not a time of day (00:00 to 23:59)"


@pytest.mark.parametrize(
    "text", ["noon", "", "14", "1400", "14:0", "14:000", "840", "13.3", "14h00", "١٤:٠٠", "1:30:00"]
)
def test_parse_clock_refuses_what_is_not_a_time(text: str) -> None:
    with pytest.raises(TimeError) as info:
        parse_clock(text)
    assert str(info.value) == f"'{text}' is not a time; write HH:MM, like 14:00 or 14.00"


def test_time_error_is_a_value_error() -> None:
    # callers that only know ValueError still catch it
    assert issubclass(TimeError, ValueError)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45", 45),
        (45, 45),  # an unquoted YAML number, as text or int
        ("45m", 45),
        ("45 min", 45),
        ("1h30m", 90),
        ("1h 30m", 90),
        ("2h", 120),
        (" 2H ", 120),
        ("0h5m", 5),
        ("007", 7),
    ],
)
def test_parse_duration_reads_minutes_and_hours(text: str | int, minutes: int) -> None:
    assert parse_duration(text) == minutes  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "h", "m", "-5", "1.5h", "half an hour", "²", "١٥", "5s"])
def test_parse_duration_refuses_what_is_not_a_duration(text: str) -> None:
    with pytest.raises(TimeError) as info:
        parse_duration(text)
    assert str(info.value) == f"'{text}' is not a duration; write minutes (45) or 1h30m"


@pytest.mark.parametrize("text", ["0", "0m", "0h0m"])
def test_parse_duration_refuses_zero(text: str) -> None:
    with pytest.raises(TimeError) as info:
        parse_duration(text)
    assert str(info.value) == f"duration '{text}' must be more than zero minutes"


@pytest.mark.parametrize("text", ["1" * 5000, "9" * 7, f"{'9' * 5000}h"])
def test_parse_duration_refuses_absurd_lengths_without_crashing(text: str) -> None:
    # int() raises a plain ValueError past 4300 digits; that must not escape as a traceback
    with pytest.raises(TimeError) as info:
        parse_duration(text)
    assert str(info.value) == f"duration '{text}' is far too long for a programme"


@given(st.text(max_size=30))
@settings(max_examples=200, deadline=None)
def test_parse_duration_never_raises_anything_but_time_error(text: str) -> None:
    try:
        minutes = parse_duration(text)
    except TimeError:
        return
    assert minutes > 0


@given(st.text(max_size=30))
@settings(max_examples=200, deadline=None)
def test_parse_clock_never_raises_anything_but_time_error(text: str) -> None:
    try:
        hour, minute = parse_clock(text)
    except TimeError:
        return
    assert 0 <= hour <= 23 and 0 <= minute <= 59


@given(st.integers(0, 23), st.integers(0, 59), st.sampled_from([":", "."]), st.booleans())
@settings(max_examples=200, deadline=None)
def test_parse_clock_round_trips_every_minute(hour: int, minute: int, sep: str, pad: bool) -> None:
    text = f"{hour:02d}{sep}{minute:02d}" if pad else f"{hour}{sep}{minute:02d}"
    assert parse_clock(text) == (hour, minute)


# -- --at -----------------------------------------------------------------------------------


def test_parse_when_clock_time_is_on_the_event_day_in_its_timezone() -> None:
    moment = parse_when("14:00", DAY, TZ)
    assert moment == pendulum.datetime(2022, 11, 22, 14, 0, tz=TZ)
    assert moment.utcoffset() == pendulum.duration(hours=1)


def test_parse_when_dutch_clock_time() -> None:
    assert parse_when("13.45", DAY, TZ) == pendulum.datetime(2022, 11, 22, 13, 45, tz=TZ)


def test_parse_when_time_with_seconds_is_on_the_event_day_not_today() -> None:
    assert parse_when("13:45:30", DAY, TZ) == pendulum.datetime(2022, 11, 22, 13, 45, 30, tz=TZ)


def test_parse_when_iso_without_offset_is_in_the_event_timezone() -> None:
    moment = parse_when("2022-11-22T13:45", DAY, TZ)
    assert moment == pendulum.datetime(2022, 11, 22, 13, 45, tz=TZ)
    assert moment.strftime("%H:%M") == "13:45"


def test_parse_when_iso_with_a_space() -> None:
    assert parse_when("2022-11-22 13:45", DAY, TZ) == pendulum.datetime(2022, 11, 22, 13, 45, tz=TZ)


def test_parse_when_iso_with_offset_keeps_the_instant() -> None:
    moment = parse_when("2022-11-22T13:45+00:00", DAY, TZ)
    assert moment == pendulum.datetime(2022, 11, 22, 13, 45, tz="UTC")
    assert moment.strftime("%H:%M") == "14:45"  # in the event's timezone


def test_parse_when_a_date_alone_is_its_midnight() -> None:
    assert parse_when("2022-11-23", DAY, TZ) == pendulum.datetime(2022, 11, 23, tz=TZ)


@pytest.mark.parametrize("text", ["garbage", "", "25:00", "tomorrow-ish"])
def test_parse_when_refuses_nonsense(text: str) -> None:
    with pytest.raises(TimeError) as info:
        parse_when(text, DAY, TZ)
    assert str(info.value) == f"'{text}' is not a time; give HH:MM or 2022-11-22T13:45"


@pytest.mark.parametrize("text", ["P1D", "2022-11-22/2022-11-23"])
def test_parse_when_refuses_durations_and_intervals(text: str) -> None:
    with pytest.raises(TimeError) as info:
        parse_when(text, DAY, TZ)
    assert str(info.value) == f"'{text}' is not a moment; give HH:MM or 2022-11-22T13:45"


def test_on_day_and_midnight_after_follow_the_wall_clock_on_a_dst_day() -> None:
    # 2023-03-26: clocks in Amsterdam jump from 02:00 to 03:00
    spring = date(2023, 3, 26)
    assert on_day(spring, 14, 0, TZ).hour == 14
    assert midnight_after(spring, TZ) == pendulum.datetime(2023, 3, 27, tz=TZ)
