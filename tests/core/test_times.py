"""Times and durations as organisers and hosts write them (kiosk.core.times)."""

from __future__ import annotations

from datetime import date

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.times import (
    Day,
    TimeError,
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


def test_wall_times_on_a_dst_day_are_read_off_the_wall_clock() -> None:
    # 2023-03-26: clocks in Amsterdam jump from 02:00 to 03:00
    day = Day(date(2023, 3, 26), TZ, evening=False)
    assert day.instant(day.minutes(14 * 60)).hour == 14
    assert day.instant(day.limit) == pendulum.datetime(2023, 3, 27, tz=TZ)


# -- the night the clocks change -------------------------------------------------------------

SPRING = date(2023, 3, 26)  # Europe/Amsterdam: from 02:00 straight to 03:00


def test_a_rehearsal_at_a_time_the_clocks_skip_is_refused():
    for text in ("02:10", "2023-03-26T02:10", "2023-03-26 02:59"):
        with pytest.raises(TimeError, match=r"02:\d\d does not exist on 2023-03-26"):
            parse_when(text, SPRING, TZ)
    assert parse_when("03:10", SPRING, TZ).isoformat() == "2023-03-26T03:10:00+02:00"
    with_offset = parse_when("2023-03-26T02:10+01:00", SPRING, TZ)  # an instant: fine
    assert with_offset.isoformat() == "2023-03-26T03:10:00+02:00"


def test_the_day_counts_real_minutes_across_the_change():
    day = Day(SPRING, TZ, evening=False)
    assert day.minutes(90) == 90  # 01:30
    assert day.minutes(180) == 120  # 03:00 is two real hours after midnight
    assert day.label(120) == "03:00"
    with pytest.raises(TimeError, match="the clocks go forward"):
        day.minutes(150)  # 02:30


def test_an_evening_runs_into_the_small_hours_of_the_next_day():
    day = Day(date(2022, 11, 22), TZ)
    assert day.minutes(90) == 24 * 60 + 90  # 01:30 is the night after
    assert day.label(day.minutes(90)) == "01:30"
    assert day.label(day.minutes(24 * 60)) == "24:00"
    assert day.instant(day.limit).isoformat() == "2022-11-23T06:00:00+01:00"


def test_a_day_the_timezone_skipped_does_not_exist():
    with pytest.raises(TimeError, match="2011-12-30 does not exist in Pacific/Apia"):
        Day(date(2011, 12, 30), "Pacific/Apia")
