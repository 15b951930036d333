"""programme.yaml -> Programme, or every problem of the file with its line (kiosk.files.loader)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.model import Programme
from kiosk.core.printout import table
from kiosk.core.problems import Problem, ProgrammeError
from kiosk.files.loader import load, loads, slugify

REAL = Path(__file__).resolve().parents[2] / "programme.yaml"
TZ = "Europe/Amsterdam"
HEAD = """\
event:
  title: Test
  date: 2022-11-22
  timezone: Europe/Amsterdam
programme:
"""
FIRST = 6  # the line of the first item under HEAD


def prog(*items: str) -> str:
    """A programme whose items (flow mappings) are on lines 6, 7, 8, ..."""
    return HEAD + "".join(f"  - {item}\n" for item in items)


def event(*lines: str, items: str = "  - {start: 14:00, title: A}\n") -> str:
    """A programme with the given event fields (lines 2, 3, ...) and one item."""
    return "event:\n" + "".join(f"  {line}\n" for line in lines) + "programme:\n" + items


def ok(text: str | bytes) -> Programme:
    return loads(text, "p.yaml")


def refused(text: str | bytes) -> list[tuple[int, str]]:
    with pytest.raises(ProgrammeError) as info:
        loads(text, "p.yaml")
    problems = info.value.problems
    assert problems
    assert all(p.file == "p.yaml" for p in problems)
    assert problems == sorted(problems)
    return [(p.line, p.message) for p in problems]


def hm(moment: pendulum.DateTime | None) -> str | None:
    return None if moment is None else pendulum.instance(moment).in_tz(TZ).format("HH:mm")


def starts(programme: Programme) -> list[str | None]:
    return [hm(item.start) for item in programme.items]


# -- the real programme ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> Programme:
    return load(REAL)


def test_real_programme_event(real: Programme) -> None:
    ev = real.event
    assert ev.title == "Leercafé Blik op samenlevingsopbouw"
    assert ev.subtitle == "Uitdagingen & keuzes"
    assert ev.organisers == ("Movisie", "De Schoor")
    assert ev.date == date(2022, 11, 22)
    assert ev.timezone == TZ
    assert ev.language == "nl"
    assert ev.venue.name == "Buurtcentrum Filmwijk"
    assert ev.venue.address == "Walt Disneyplantsoen 76/78, 1325 SX Almere"
    assert ev.notes[0] == "Auto: parkeren in de buurt is goed mogelijk."
    assert real.source == str(REAL)


def test_real_programme_times(real: Programme) -> None:
    items = {item.id: item for item in real.items}
    assert hm(items["inloop"].start) == "13:30" and not items["inloop"].estimated
    assert hm(items["opening-en-welkom"].start) == "14:00"
    assert not items["opening-en-welkom"].estimated
    assert hm(items["borrel"].start) == "17:00" and items["borrel"].fixed
    assert hm(items["einde"].start) == "18:00" and items["einde"].is_end
    assert items["einde"].end is None
    assert hm(real.close) == "18:00"
    assert real.close == pendulum.datetime(2022, 11, 22, 18, 0, tz=TZ)
    # the parts between 14:00 and 17:00 are estimated ("ca.") and in order
    between = real.items[2 : real.index_of("borrel")]
    assert [item.estimated for item in between] == [True] * 7
    moments = [item.start for item in real.items]
    assert moments == sorted(moments)
    assert all(item.start.second == 0 and item.start.microsecond == 0 for item in real.items)
    assert [hm(item.start) for item in between] == [
        "14:22",
        "14:45",
        "15:07",
        "15:30",
        "15:52",
        "16:15",
        "16:37",
    ]
    # each item runs until the next one
    for item, nxt in zip(real.items, real.items[1:], strict=False):
        assert item.end == nxt.start


def test_real_programme_ids_and_lines(real: Programme) -> None:
    ids = [item.id for item in real.items]
    assert len(set(ids)) == len(ids)
    assert "pauze" in ids and "pauze-2" in ids
    assert ids.index("pauze") < ids.index("pauze-2")
    lines = REAL.read_text(encoding="utf-8").splitlines()
    inloop = lines.index("  - {start: 13.30, title: Inloop, kind: walk-in}") + 1
    assert real.items[0].line == inloop
    assert real.items[0].kind == "walk-in"
    assert real.items[0].start == pendulum.datetime(2022, 11, 22, 13, 30, tz=TZ)


# -- times as written -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("14:00", "14:00"),  # YAML 1.1 would read 840
        ("13.30", "13:30"),  # YAML 1.1 would read 13.3
        ("14.00", "14:00"),  # YAML 1.1 would read 14.0
        ("'09:30'", "09:30"),
        ('"09:30"', "09:30"),
        ("09:30", "09:30"),
        ("9:05", "09:05"),
        ("'14.00'", "14:00"),
        ("0:00", "00:00"),
        ("23:59", "23:59"),
    ],
)
def test_start_is_read_as_written(written: str, meant: str) -> None:
    programme = ok(prog(f"{{start: {written}, title: A}}"))
    assert starts(programme) == [meant]
    assert programme.items[0].start == pendulum.datetime(
        2022, 11, 22, int(meant[:2]), int(meant[3:]), tz=TZ
    )


@pytest.mark.parametrize(
    ("written", "minutes"), [("45", 45), ("'45'", 45), ("45m", 45), ("1h30m", 90), ("2h", 120)]
)
def test_durations_as_written(written: str, minutes: int) -> None:
    programme = ok(prog(f"{{start: 10:00, title: A, duration: {written}}}", "{title: B}"))
    first, second = programme.items
    assert first.end - first.start == timedelta(minutes=minutes)
    assert second.start == first.end and second.estimated


def test_end_as_written() -> None:
    programme = ok(prog("{start: 14.00, title: A, end: 15.30}"))
    assert hm(programme.items[0].end) == "15:30"
    assert hm(programme.close) == "15:30"


def test_block_style_items_keep_their_own_lines() -> None:
    text = HEAD + "  - start: 14:00\n    title: A\n  - title: B\n    by: Someone\n    end: 16:00\n"
    programme = ok(text)
    assert [item.line for item in programme.items] == [6, 8]
    assert programme.items[1].by == "Someone"


# -- estimated starts and the close ---------------------------------------------------------


def test_items_between_two_starts_share_the_gap() -> None:
    programme = ok(
        prog("{start: 14:00, title: A}", "{title: B}", "{title: C}", "{start: 15:00, title: D}")
    )
    assert starts(programme) == ["14:00", "14:20", "14:40", "15:00"]
    assert [item.estimated for item in programme.items] == [False, True, True, False]


def test_items_with_a_duration_take_it() -> None:
    programme = ok(
        prog(
            "{start: 14:00, title: A}",
            "{title: B, duration: 30}",
            "{title: C}",
            "{start: 15:30, title: D, kind: end}",
        )
    )
    assert starts(programme) == ["14:00", "14:30", "15:00", "15:30"]


def test_estimated_starts_are_whole_minutes_and_may_coincide() -> None:
    items = ["{start: 14:00, title: A}"] + [f"{{title: X{n}}}" for n in range(5)]
    programme = ok(prog(*items, "{start: 14:02, title: E, kind: end}"))
    assert starts(programme) == ["14:00", "14:00", "14:00", "14:01", "14:01", "14:01", "14:02"]
    assert all(item.start.second == 0 for item in programme.items)


def test_close_from_the_end_item() -> None:
    programme = ok(prog("{start: 14:00, title: A}", "{start: 16:00, title: Einde, kind: End}"))
    last = programme.items[-1]
    assert last.is_end and last.kind == "end"  # the kind is read case-insensitively
    assert last.end is None
    assert hm(programme.close) == "16:00"
    assert hm(programme.items[0].end) == "16:00"


def test_close_from_the_end_of_the_last_item() -> None:
    programme = ok(prog("{start: 14:00, title: A}", "{start: 15:00, title: B, end: 16:30}"))
    assert hm(programme.close) == "16:30"
    assert hm(programme.items[-1].end) == "16:30"


def test_close_from_a_last_item_with_a_duration_only() -> None:
    programme = ok(prog("{start: 14:00, title: A, duration: 30}", "{title: B, duration: 30}"))
    assert hm(programme.items[-1].end) == "15:00"
    assert hm(programme.close) == "15:00"


def test_without_a_close_the_last_item_runs_to_midnight() -> None:
    programme = ok(prog("{start: 14:00, title: A}", "{start: 17:00, title: B}"))
    assert programme.close is None
    assert programme.items[-1].end is None
    assert hm(programme.items[0].end) == "17:00"


def test_after_the_last_start_without_a_close_nothing_can_be_shared() -> None:
    # "until midnight" was a guess: the organiser is asked for a length or a close
    assert refused(prog("{start: 20:00, title: A}", "{title: B}")) == [
        (
            7,
            "no start, and nothing says when the programme ends: give this item a start,"
            " the item before it a duration, or add the end (kind: end)",
        )
    ]


def test_a_last_item_without_an_end_has_an_open_end() -> None:
    programme = ok(prog("{start: 20:00, title: A, duration: 90}", "{title: B}"))
    assert starts(programme) == ["20:00", "21:30"]
    assert programme.items[-1].estimated and programme.items[-1].end is None
    assert programme.close is None


def test_the_close_at_midnight_is_the_next_day() -> None:
    programme = ok(prog("{start: 23:00, title: A, duration: 60}"))
    assert programme.close == pendulum.datetime(2022, 11, 23, tz=TZ)


@pytest.mark.parametrize(
    ("day", "offset"), [("2023-03-26", 2), ("2022-10-30", 1), ("2022-11-22", 1)]
)
def test_times_follow_the_wall_clock_on_the_days_the_clocks_change(day: str, offset: int) -> None:
    # 14:00 is 14:00 on screen, even on a day that has 23 or 25 hours
    text = prog("{start: 14:00, title: A}", "{title: B}", "{start: 18:00, title: E, kind: end}")
    programme = ok(text.replace("2022-11-22", day))
    y, mo, d = (int(part) for part in day.split("-"))
    assert programme.items[0].start == pendulum.datetime(y, mo, d, 14, 0, tz=TZ)
    assert programme.items[0].start.utcoffset() == pendulum.duration(hours=offset)
    assert starts(programme) == ["14:00", "16:00", "18:00"]
    assert hm(programme.close) == "18:00"


def test_estimated_flag_only_on_items_without_a_start() -> None:
    programme = ok(prog("{start: 14:00, title: A}", "{title: B}", "{start: 15:00, title: C}"))
    assert [item.estimated for item in programme.items] == [False, True, False]


# -- ids ------------------------------------------------------------------------------------


def test_ids_are_slugs_of_titles() -> None:
    programme = ok(
        prog(
            "{start: 14:00, title: Opening en welkom}",
            "{title: Café Crème — Ökonomie!}",
            "{title: 'Workshop [zaal 2]'}",
            "{title: 日本語}",
            "{start: 18:00, title: Einde, kind: end}",
        )
    )
    assert [item.id for item in programme.items] == [
        "opening-en-welkom",
        "cafe-creme-okonomie",
        "workshop-zaal-2",
        "item",
        "einde",
    ]


def test_repeated_titles_get_numbered_ids() -> None:
    programme = ok(
        prog(
            "{start: 14:00, title: Pauze}",
            "{title: Talk}",
            "{title: Pauze}",
            "{title: pauze}",
            "{start: 18:00, title: Einde, kind: end}",
        )
    )
    assert [item.id for item in programme.items] == ["pauze", "talk", "pauze-2", "pauze-3", "einde"]


def test_explicit_id_is_used_and_never_reused_by_a_slug() -> None:
    programme = ok(
        prog(
            "{start: 14:00, title: Pauze}",
            "{title: Koffie, id: pauze-2}",
            "{title: Pauze}",
            "{start: 18:00, title: Einde, kind: end}",
        )
    )
    assert [item.id for item in programme.items] == ["pauze", "pauze-2", "pauze-3", "einde"]


def test_duplicate_explicit_id_is_refused() -> None:
    text = prog(
        "{start: 14:00, title: A, id: x}",
        "{title: B}",
        "{title: C, id: x}",
        "{start: 18:00, title: Einde, kind: end}",
    )
    assert refused(text) == [(8, "id 'x' is also used on line 6")]


def test_slugify() -> None:
    assert slugify("Lezing: Blik op de gemeenschap") == "lezing-blik-op-de-gemeenschap"
    assert slugify("  Dialoogtafels  ") == "dialoogtafels"
    assert slugify("Mariël") == "mariel"
    assert slugify("???") == "item"


# -- the event ------------------------------------------------------------------------------


def test_event_defaults_and_options() -> None:
    minimal = ok(event("title: T", "date: 2022-11-22", "timezone: UTC"))
    assert minimal.event.language == "nl"
    assert minimal.event.subtitle == "" and minimal.event.organisers == ()
    assert minimal.event.venue.name == "" and minimal.event.notes == ()
    full = ok(
        event(
            "title: T",
            "date: 2022-11-22",
            "timezone: UTC",
            "language: en",
            "venue: Town hall",
            "organisers: Solo",
            "notes: One line",
        )
    )
    assert full.event.language == "en"
    assert full.event.venue.name == "Town hall"
    assert full.event.organisers == ("Solo",)
    assert full.event.notes == ("One line",)


@pytest.mark.parametrize(("written", "fixed"), [("true", True), ("ja", True), ("nee", False)])
def test_fixed_flag(written: str, fixed: bool) -> None:
    programme = ok(prog(f"{{start: 14:00, title: A, fixed: {written}}}"))
    assert programme.items[0].fixed is fixed


def test_text_is_kept_as_written() -> None:
    programme = ok(prog("{start: 14:00, title: 'Workshop [zaal 2]', by: '[b]Me[/b]'}"))
    assert programme.items[0].title == "Workshop [zaal 2]"
    assert programme.items[0].by == "[b]Me[/b]"


def test_bytes_with_a_bom_and_crlf_are_fine() -> None:
    text = prog("{start: 14:00, title: Café}").replace("\n", "\r\n")
    programme = ok(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert programme.items[0].title == "Café"


# -- refusals, each with its line -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "event: [\n",
            [(2, "not valid YAML: expected the node content, but found '<stream end>'")],
            id="not-yaml",
        ),
        pytest.param(
            "event:\n\ttitle: x\n",
            [(2, "not valid YAML: found character '\\t' that cannot start any token")],
            id="tab",
        ),
        pytest.param(
            "event: {a: 1}\n---\nevent: {}\n",
            [
                (
                    2,
                    "not valid YAML: expected a single document in the stream,"
                    " but found another document",
                )
            ],
            id="two-documents",
        ),
        pytest.param(
            "- 1\n- 2\n", [(1, "must be a mapping with 'event:' and 'programme:'")], id="a-list"
        ),
        pytest.param(
            "hello\n", [(1, "must be a mapping with 'event:' and 'programme:'")], id="a-scalar"
        ),
        pytest.param(
            "# only a comment\n",
            [(1, "must be a mapping with 'event:' and 'programme:'")],
            id="only-a-comment",
        ),
        pytest.param(
            "programme:\n  - {start: 14:00, title: A}\n",
            [(1, "'event:' is missing")],
            id="no-event",
        ),
        pytest.param(
            HEAD.replace("programme:\n", ""), [(1, "'programme:' is missing")], id="no-programme"
        ),
        pytest.param(
            HEAD + "  []\n",
            [(6, "the programme has no items")],
            id="no-items",
        ),
        pytest.param(
            HEAD,
            [(5, "'programme:' must be a list of items, each starting with '- '")],
            id="programme-empty",
        ),
        pytest.param(
            HEAD + "  title: A\n",
            [(6, "'programme:' must be a list of items, each starting with '- '")],
            id="programme-mapping",
        ),
        pytest.param(
            "event: Test\nprogramme:\n  - {start: 14:00, title: A}\n",
            [(1, "'event:' must be a mapping of title, date, timezone, ...")],
            id="event-scalar",
        ),
        pytest.param(
            prog("{start: 14:00, title: A}") + "eventt: {}\n",
            [(7, "unknown field 'eventt' in top level; did you mean 'event'?")],
            id="unknown-top-field",
        ),
    ],
)
def test_file_level_refusals(text: str, expected: list[tuple[int, str]]) -> None:
    assert refused(text) == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        pytest.param("{start: 14:00}", "the item has no title", id="missing-title"),
        pytest.param("{start: 14:00, title: ''}", "title is empty", id="empty-title"),
        pytest.param("{start: 14:00, title: [a]}", "title must be text", id="title-list"),
        pytest.param(
            "{start: 14:75, title: A}",
            "start: '14:75' is not a time of day (00:00 to 24:00)",
            id="14:75",
        ),
        pytest.param(
            "{start: 24:30, title: A}",
            "start: '24:30' is not a time of day (00:00 to 24:00)",
            id="24:30",
        ),
        pytest.param(
            "{start: noon, title: A}",
            "start: 'noon' is not a time; write HH:MM, like 14:00 or 14.00",
            id="noon",
        ),
        pytest.param(
            "{start: 9.5, title: A}",
            "start: '9.5' is not a time; write HH:MM, like 14:00 or 14.00",
            id="9.5",
        ),
        pytest.param("{start: , title: A}", "start is empty", id="empty-start"),
        pytest.param(
            "{start: 14:00, end: 13:00, title: A}", "ends at 13:00, not after its start", id="end"
        ),
        pytest.param(
            "{start: 14:00, title: A, duration: half}",
            "'half' is not a duration; write minutes (45) or 1h30m",
            id="bad-duration",
        ),
        pytest.param(
            "{start: 14:00, title: A, duration: 0}",
            "duration '0' must be more than zero minutes",
            id="zero-duration",
        ),
        pytest.param(
            "{start: 14:00, title: A, duration: '²'}",
            "'²' is not a duration; write minutes (45) or 1h30m",
            id="superscript-duration",
        ),
        pytest.param(
            "{start: 14:00, title: A, duration: " + "9" * 5000 + "}",
            f"duration '{'9' * 5000}' is far too long for a programme",
            id="5000-digit-duration",
        ),
        pytest.param(
            "{start: 14:00, title: A, durration: 5}",
            "unknown field 'durration' in item; did you mean 'duration'?",
            id="durration",
        ),
        pytest.param(
            "{start: 14:00, title: A, speaker: Me}",
            "unknown field 'speaker' in item; known: title, start, end, duration, by,"
            " description, kind, fixed, room, plenary, sessions, id, wrap_up, rounds, rotate",
            id="unknown-field-no-hint",
        ),
        pytest.param(
            "{start: 14:00, title: A, title: B}", "'title' is given twice in item", id="dup-key"
        ),
        pytest.param(
            "{start: 14:00, title: A, fixed: maybe}",
            "fixed must be true or false, not 'maybe'",
            id="fixed-maybe",
        ),
        pytest.param(
            "{start: 14:00, title: A, [x]: 1}",
            "a field name in item must be a plain word",
            id="complex-key",
        ),
        pytest.param(
            "{start: 14:00, title: A, end: 15:00, duration: 60}",
            "give an end or a duration, not both",
            id="end-and-duration",
        ),
        pytest.param(
            "{start: 23:00, title: A, duration: 480}",
            "the programme must close by 06:00",
            id="past-midnight",
        ),
        pytest.param(
            "Opening",
            "an item must be a mapping like {start: 14:00, title: Opening}",
            id="item-scalar",
        ),
    ],
)
def test_item_refusals(item: str, expected: str) -> None:
    assert refused(prog(item)) == [(FIRST, expected)]


def test_unknown_field_titel_did_you_mean_title() -> None:
    assert refused(prog("{start: 14:00, titel: A}")) == [
        (6, "the item has no title"),
        (6, "unknown field 'titel' in item; did you mean 'title'?"),
    ]


def test_starts_out_of_order() -> None:
    text = prog("{start: 14:00, title: A}", "{title: B}", "{start: 13.30, title: C}")
    assert refused(text) == [
        (8, "starts at 13:30, before the item on line 6 (14:00); starts must be in order")
    ]


def test_first_item_without_start() -> None:
    assert refused(prog("{title: A}", "{start: 14:00, title: B}")) == [
        (6, "the first item needs a start time")
    ]


def test_item_after_the_end_item() -> None:
    text = prog("{start: 14:00, title: A}", "{start: 15:00, title: E, kind: end}", "{title: C}")
    assert refused(text) == [(8, "nothing can come after the end (kind: end, line 7)")]


def test_end_item_without_start() -> None:
    assert refused(prog("{start: 14:00, title: A}", "{title: E, kind: end}")) == [
        (7, "the end (kind: end) needs a start time")
    ]


def test_end_item_with_a_duration() -> None:
    text = prog("{start: 14:00, title: A}", "{start: 15:00, title: E, kind: end, duration: 5}")
    assert refused(text) == [(7, "the end (kind: end) marks the close; it has no end or duration")]


def test_fixed_without_start() -> None:
    assert refused(
        prog(
            "{start: 14:00, title: A}",
            "{title: B, fixed: true}",
            "{start: 18:00, title: Einde, kind: end}",
        )
    ) == [(7, "a fixed item needs a start time")]


def test_an_end_without_a_start_is_published_and_the_start_estimated() -> None:
    programme = ok(prog("{start: 14:00, title: A}", "{title: B, end: 16:00}"))
    assert starts(programme) == ["14:00", "15:00"] and programme.items[1].estimated
    assert hm(programme.close) == "16:00"


def test_an_end_before_an_earlier_published_time_is_refused() -> None:
    text = prog("{start: 14:00, title: A}", "{title: B, end: 13:00}")
    assert refused(text) == [
        (7, "ends at 13:00, before the item on line 6 (14:00); times must be in order")
    ]


def test_end_after_the_next_start() -> None:
    text = prog("{start: 14:00, title: A, end: 16:00}", "{start: 15:00, title: B}")
    assert refused(text) == [(6, "ends at 16:00, after the next start (15:00, line 7)")]


def test_durations_overflowing_their_gap() -> None:
    text = prog(
        "{start: 14:00, title: A, duration: 30}",
        "{title: B, duration: 45}",
        "{start: 15:00, title: C}",
    )
    assert refused(text) == [(7, "durations add up to 75 min, but 14:00 to 15:00 leaves 60 min")]


def test_anchor_and_alias() -> None:
    text = prog("&a {start: 14:00, title: A}", "*a")
    assert refused(text) == [(6, "anchors and aliases (& and *) are not allowed")]


def test_alias_alone() -> None:
    assert refused(prog("{start: 14:00, title: *x}")) == [
        (6, "anchors and aliases (& and *) are not allowed")
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("date: 2022-13-40", "date '2022-13-40' is not a date; write it as 2022-11-22"),
        ("date: 22-11-2022", "date '22-11-2022' is not a date; write it as 2022-11-22"),
        (
            "date: [2022]",
            "date must be one date; for several days write 'days:' with a date and"
            " a programme for each",
        ),
        ("date: 9999-12-31", "date '9999-12-31' is not a year from 1900 to 2999"),
        ("date: 0001-01-01", "date '0001-01-01' is not a year from 1900 to 2999"),
        (
            "timezone: Europe/Amsterdm",
            "timezone 'Europe/Amsterdm' is unknown; write it like Europe/Amsterdam",
        ),
        ("timezone: Mars/Base", "timezone 'Mars/Base' is unknown; write it like Europe/Amsterdam"),
        ("timezone: ../etc/x", "timezone '../etc/x' is unknown; write it like Europe/Amsterdam"),
        ("language: de", "language 'de' is not one of: nl, en"),
        ("titel: T", "unknown field 'titel' in event; did you mean 'title'?"),
    ],
)
def test_event_refusals(line: str, expected: str) -> None:
    fields = {"title": "title: T", "date": "date: 2022-11-22", "timezone": "timezone: UTC"}
    key = line.split(":")[0]
    fields[key] = line
    problems = refused(event(*fields.values()))
    assert (list(fields).index(key) + 2, expected) in problems


def test_event_missing_fields() -> None:
    assert refused(event("subtitle: S")) == [
        (2, "event 'date:' is missing"),
        (2, "event 'timezone:' is missing"),
        (2, "event 'title:' is missing"),
    ]


def test_duplicate_top_level_key() -> None:
    text = prog("{start: 14:00, title: A}") + "event: {}\n"
    assert refused(text) == [(7, "'event' is given twice in top level")]


# -- refusals of the whole file -------------------------------------------------------------


def test_empty_file() -> None:
    assert refused("") == [(0, "is empty")]
    assert refused(b"") == [(0, "is empty")]


def test_whitespace_only_file() -> None:
    assert refused("  \n\n\t\n ") == [(0, "is empty")]


def test_binary_file() -> None:
    assert refused(b"event:\x00\x01\x02") == [(0, "is not a text file")]


def test_non_utf8_file_names_the_line() -> None:
    text = prog("{start: 14:00, title: Café}").encode("latin-1")
    assert refused(text) == [(6, "is not UTF-8 text")]


def test_lone_surrogate_in_text() -> None:
    assert refused(prog("{start: 14:00, title: \udc80}")) == [(6, "is not UTF-8 text")]


def test_control_character_names_its_line_in_one_line() -> None:
    assert refused(prog("{start: 14:00, title: A}", "{title: \x07}")) == [
        (7, "not valid YAML: character #x0007: special characters are not allowed")
    ]


def test_file_over_one_mib() -> None:
    text = prog("{start: 14:00, title: A}") + "#" * (1024 * 1024)
    assert refused(text) == [(0, "is over 1 MiB; a programme is far smaller")]
    assert refused(text.encode()) == [(0, "is over 1 MiB; a programme is far smaller")]


def test_a_file_of_exactly_one_mib_is_read() -> None:
    head = prog("{start: 14:00, title: A}")
    text = head + "#" * (1024 * 1024 - len(head.encode()) - 1) + "\n"
    assert len(text.encode()) == 1024 * 1024
    assert starts(ok(text)) == ["14:00"]


def test_deep_nesting_is_refused_quickly() -> None:
    # PyYAML slows down quadratically on deep flow nesting; a programme nests 4 deep
    assert refused("event: " + "[" * 100_000) == [(1, "not valid YAML: nested too deeply")]
    assert refused("event: " + "[" * 50 + "]" * 50) == [(1, "not valid YAML: nested too deeply")]


def test_newlines_in_names_do_not_split_a_problem_over_lines() -> None:
    problems = refused(prog('{start: 14:00, title: A, "x\\ny": 1}'))
    assert problems == [
        (
            6,
            "unknown field 'x\\ny' in item; known: title, start, end, duration, by,"
            " description, kind, fixed, room, plenary, sessions, id, wrap_up, rounds, rotate",
        )
    ]


# -- load(path) -----------------------------------------------------------------------------


def test_load_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "programme.yaml"
    path.write_text(prog("{start: 14:00, title: A}"), encoding="utf-8")
    programme = load(path)
    assert programme.source == str(path)
    assert starts(programme) == ["14:00"]
    assert load(str(path)) == programme


def test_load_names_the_file_in_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(prog("{start: 14:75, title: A}"), encoding="utf-8")
    with pytest.raises(ProgrammeError) as info:
        load(path)
    assert info.value.problems == [
        Problem(str(path), 6, "start: '14:75' is not a time of day (00:00 to 24:00)")
    ]
    assert str(info.value) == f"{path}:6: start: '14:75' is not a time of day (00:00 to 24:00)"


def test_load_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(ProgrammeError) as info:
        load(path)
    assert info.value.problems == [Problem(str(path), 0, "no such file")]


def test_load_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ProgrammeError) as info:
        load(tmp_path)
    assert info.value.problems == [Problem(str(tmp_path), 0, "is a folder, not a programme file")]


def test_load_binary_big_and_latin1_files(tmp_path: Path) -> None:
    cases = {
        "binary.yaml": (b"\x89PNG\r\n\x1a\n\x00\x00", (0, "is not a text file")),
        "big.yaml": (b"#" * (1024 * 1024 + 10), (0, "is over 1 MiB; a programme is far smaller")),
        "latin1.yaml": ("event:\n  title: Café\n".encode("latin-1"), (2, "is not UTF-8 text")),
        "empty.yaml": (b"", (0, "is empty")),
    }
    for name, (data, (line, message)) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(ProgrammeError) as info:
            load(path)
        assert info.value.problems == [Problem(str(path), line, message)], name


# -- all problems of a file in one report ---------------------------------------------------


def test_all_problems_of_a_file_come_in_one_report() -> None:
    text = (
        "event:\n"
        "  title: T\n"
        "  date: 2022-13-40\n"
        "  timezone: Mars/Base\n"
        "  language: de\n"
        "programme:\n"
        "  - {start: 14:75, title: A}\n"
        "  - {titel: B}\n"
        "  - {title: C, durration: 5}\n"
        "  - {title: D, fixed: true}\n"
    )
    assert refused(text) == [
        (3, "date '2022-13-40' is not a date; write it as 2022-11-22"),
        (4, "timezone 'Mars/Base' is unknown; write it like Europe/Amsterdam"),
        (5, "language 'de' is not one of: nl, en"),
        (7, "start: '14:75' is not a time of day (00:00 to 24:00)"),
        (8, "the item has no title"),
        (8, "unknown field 'titel' in item; did you mean 'title'?"),
        (9, "unknown field 'durration' in item; did you mean 'duration'?"),
        (10, "a fixed item needs a start time"),
    ]


def test_schedule_problems_come_with_the_other_problems() -> None:
    # an unknown field does not hide that the starts are out of order, nor a duplicate id
    text = prog(
        "{start: 14:00, title: A, id: a, speakr: X}",
        "{start: 13:00, title: B, id: a}",
        "{start: 15:00, title: C, kind: end}",
        "{title: D}",
    )
    assert refused(text) == [
        (
            6,
            "unknown field 'speakr' in item; known: title, start, end, duration, by,"
            " description, kind, fixed, room, plenary, sessions, id, wrap_up, rounds, rotate",
        ),
        (7, "id 'a' is also used on line 6"),
        (7, "starts at 13:00, before the item on line 6 (14:00); starts must be in order"),
        (9, "nothing can come after the end (kind: end, line 8)"),
    ]


def test_an_unreadable_start_does_not_add_follow_on_problems() -> None:
    # the first start cannot be read: say that, not also "the first item needs a start time"
    text = prog("{start: noon, title: A}", "{title: B}", "{start: 15:00, title: C}")
    assert refused(text) == [
        (6, "start: 'noon' is not a time; write HH:MM, like 14:00 or 14.00"),
    ]


def test_problem_renders_as_file_line_message() -> None:
    with pytest.raises(ProgrammeError) as info:
        loads(prog("{start: 14:00}", "{start: 13:00, title: B}"), "mine.yaml")
    error = info.value
    assert str(error).splitlines() == [
        "mine.yaml:6: the item has no title",
        "mine.yaml:7: starts at 13:00, before the item on line 6 (14:00); starts must be in order",
    ]
    assert error.first == error.problems[0]
    assert str(error.first) == "mine.yaml:6: the item has no title"


# -- properties -----------------------------------------------------------------------------


def check_outcome(data: str | bytes) -> None:
    """A Programme or a ProgrammeError with one-line problems, never another exception."""
    try:
        programme = loads(data, "fuzz.yaml")
    except ProgrammeError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file == "fuzz.yaml"
            assert problem.line >= 0
            assert problem.message
            assert len(str(problem).splitlines()) == 1
        return
    assert isinstance(programme, Programme)
    assert programme.items
    assert [item.start for item in programme.items] == sorted(i.start for i in programme.items)
    assert len({item.id for item in programme.items}) == len(programme.items)


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_any_text_is_a_programme_or_a_programme_error(text: str) -> None:
    check_outcome(text)


@given(st.binary(max_size=300))
@settings(max_examples=200, deadline=None)
def test_any_bytes_are_a_programme_or_a_programme_error(data: bytes) -> None:
    check_outcome(data)


REAL_TEXT = REAL.read_text(encoding="utf-8")
YAMLISH = st.text(alphabet=st.sampled_from(list(":.-[]{}&*!|>'\"#,?% \n\t0123456789abhmtz")))


@given(
    st.integers(0, len(REAL_TEXT)),
    st.integers(0, 40),
    st.one_of(YAMLISH, st.text(max_size=20)),
)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_damaged_real_programme_is_a_programme_or_a_programme_error(
    at: int, cut: int, insert: str
) -> None:
    check_outcome(REAL_TEXT[:at] + insert + REAL_TEXT[at + cut :])


@st.composite
def valid_files(draw: st.DrawFn) -> tuple[str, list[int | None], str]:
    """A programme file: published starts in order, items between them that fit, a close."""
    published = sorted(draw(st.lists(st.integers(0, 1380), min_size=1, max_size=5)))
    how = draw(st.sampled_from(["marker", "last end", "none"]))
    close = None
    if how == "marker":
        close = draw(st.integers(published[-1], 1439))
    elif how == "last end":
        close = draw(st.integers(published[-1] + 1, 1439))
    items: list[str] = []
    written: list[int | None] = []

    def clock(minutes: int) -> str:
        style = draw(
            st.sampled_from(["{}:{:02d}", "{:02d}:{:02d}", "{}.{:02d}", "'{:02d}:{:02d}'"])
        )
        return style.format(minutes // 60, minutes % 60)

    for n, begin in enumerate(published):
        last_anchor = n + 1 == len(published)
        limit = published[n + 1] if not last_anchor else (close if close is not None else 1440)
        budget = limit - begin
        if last_anchor and how == "last end":
            items.append(f"{{start: {clock(begin)}, title: T{n}, end: {clock(close)}}}")
            written.append(begin)
            continue

        # an open end: nothing says how long the evening is, so all but the last need a length
        open_end = last_anchor and how == "none"
        more = draw(st.integers(0, 4))
        if open_end:
            more = min(more, budget)

        def duration(needed: bool = False, after: int = 0) -> str:
            """A length; `needed` in an open end, leaving a minute for each of `after`."""
            nonlocal budget
            if budget < 1 or not (needed or draw(st.booleans())):
                return ""
            taken = draw(st.integers(1, max(1, budget - (after if needed else 0))))
            budget -= taken
            if taken % 60 == 0:
                return f", duration: {taken // 60}h"
            style = draw(st.sampled_from(["{}", "{}m", "'{}'"]))
            return ", duration: " + style.format(taken)

        length = duration(open_end and more > 0, more)
        items.append(f"{{start: {clock(begin)}, title: T{n}{length}}}")
        written.append(begin)
        for k in range(more):
            left = more - k - 1
            items.append(f"{{title: 'T{n} {k}'{duration(open_end and left > 0, left)}}}")
            written.append(None)
    if how == "marker":
        assert close is not None
        items.append(f"{{start: {clock(close)}, title: Einde, kind: end}}")
        written.append(close)
    return prog(*items), written, how


@given(valid_files())
@settings(max_examples=200, deadline=None)
def test_valid_programme_files_resolve_sensibly(case: tuple[str, list[int | None], str]) -> None:
    text, written, how = case
    programme = ok(text)
    items = programme.items
    assert len(items) == len(written)
    midnight = pendulum.datetime(2022, 11, 22, tz=TZ)
    minutes = [int((item.start - midnight).total_seconds()) // 60 for item in items]
    assert all(item.start.second == 0 and item.start.microsecond == 0 for item in items)
    assert minutes == sorted(minutes), "starts never go back"
    for i, (item, start) in enumerate(zip(items, written, strict=True)):
        if start is not None:
            assert minutes[i] == start and not item.estimated, "published starts are kept"
        else:
            assert item.estimated
            before = max(w for w in written[:i] if w is not None)
            after = [w for w in written[i + 1 :] if w is not None]
            limit = after[0] if after else 1440
            assert before <= minutes[i] <= limit, "estimated starts stay within their gap"
        if item.end is None:
            assert item.is_end or i == len(items) - 1, "only the last item has an open end"
        else:
            assert item.start <= item.end <= midnight.add(days=1)
    if how == "marker":
        assert programme.close == items[-1].start and items[-1].end is None
    elif how == "last end":
        assert programme.close == items[-1].end is not None
    elif programme.close is None:
        assert items[-1].end is None
    else:
        assert programme.close == items[-1].end


# -- midnight, the night after, and the nights the clocks change ----------------------------


def test_24_00_is_the_midnight_that_ends_the_day() -> None:
    programme = ok(prog("{start: 20:00, title: Feest, end: 24:00}"))
    assert programme.close == pendulum.datetime(2022, 11, 23, tz=TZ)
    assert table(programme).splitlines()[-1] == "1 item, 20:00 to 24:00."


def test_an_evening_runs_past_midnight_as_written() -> None:
    programme = ok(
        prog(
            "{start: 22:00, title: Feest, end: 01:30}",
            "{start: 02:00, title: Nachtbus, kind: end}",
        )
    )
    assert programme.items[0].end == pendulum.datetime(2022, 11, 23, 1, 30, tz=TZ)
    assert programme.close == pendulum.datetime(2022, 11, 23, 2, tz=TZ)


def test_a_day_that_starts_early_has_no_night_after() -> None:
    # 05:30 is the day's first start: an earlier time is out of order, not the next night
    assert refused(prog("{start: 05:30, title: A}", "{start: 04:00, title: B}")) == [
        (7, "starts at 04:00, before the item on line 6 (05:30); starts must be in order")
    ]


def test_a_time_the_clocks_skip_is_refused_with_its_line() -> None:
    text = prog("{start: 01:30, title: A}", "{start: 02:30, title: B}", "{title: C, end: 04:00}")
    text = text.replace("2022-11-22", "2023-03-26")
    assert refused(text) == [
        (
            7,
            "start: 02:30 does not exist on 2023-03-26 in Europe/Amsterdam: the clocks go forward"
            " that night",
        )
    ]


def test_estimates_count_real_minutes_across_the_change() -> None:
    # 01:30 to 03:00 on the spring night is 30 real minutes: two items of 15
    text = prog("{start: 01:30, title: A}", "{title: B}", "{start: 03:00, title: C, end: 04:00}")
    programme = ok(text.replace("2022-11-22", "2023-03-26"))
    assert [hm(i.start) for i in programme.items] == ["01:30", "01:45", "03:00"]
    autumn = ok(text.replace("2022-11-22", "2022-10-30"))  # 01:30 to 03:00 is 150 minutes
    assert (autumn.items[1].start - autumn.items[0].start).total_seconds() == 75 * 60


def test_a_day_the_timezone_skipped_is_refused() -> None:
    text = HEAD.replace("2022-11-22", "2011-12-30").replace("Europe/Amsterdam", "Pacific/Apia")
    assert refused(text + "  - {start: 10:00, title: A}\n") == [
        (3, "2011-12-30 does not exist in Pacific/Apia: the day was skipped")
    ]


def test_an_end_before_the_end_of_the_item_before_is_out_of_order() -> None:
    text = prog("{start: 14:00, title: A, end: 14:30}", "{title: B, end: 14:20}")
    assert refused(text) == [
        (7, "ends at 14:20, before the end on line 6 (14:30); times must be in order")
    ]


def test_on_the_night_the_clocks_go_back_the_hour_that_comes_twice_is_the_first() -> None:
    text = prog("{start: 01:00, title: DJ A}", "{start: 02:00, title: DJ B, end: 04:00}")
    programme = ok(text.replace("2022-11-22", "2022-10-30"))
    first, second = programme.items
    assert (second.start - first.start).total_seconds() == 3600, "DJ A plays one hour"
    assert second.start.isoformat() == "2022-10-30T02:00:00+02:00"
