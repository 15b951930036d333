"""kiosk import of frab, pretalx and Pentabarf XML and of iCalendar (kiosk.files.sources).

The fixtures are written here by hand in each shape: frab's schedule.xml
(app/views/public/schedule/index.xml.haml), pretalx's XML export, FOSDEM's Pentabarf
schedule.xml (no guid, no timezone, a day_change), a Google Calendar export and an Outlook one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from benchmarks.import_formats import as_ics, as_xml, congress
from kiosk.cli import main
from kiosk.core.live import State
from kiosk.core.tracks import Tracks
from kiosk.files.loader import loads
from kiosk.files.pretalx import convert
from kiosk.files.sources import ScheduleError, kind_of, read
from tests.files.test_pretalx import THREE_DAYS, day, schedule, talk

FRAB_XML = """<?xml version="1.0" encoding="utf-8"?>
<schedule>
  <version>Fahrplan 1.2</version>
  <conference>
    <acronym>democon23</acronym>
    <title>DemoCon &amp; Friends</title>
    <start>2023-05-26</start>
    <end>2023-05-27</end>
    <days>2</days>
    <timeslot_duration>00:15</timeslot_duration>
    <time_zone_name>Europe/Berlin</time_zone_name>
    <url>https://democon.example/</url>
  </conference>
  <day index="1" date="2023-05-26" start="2023-05-26T06:00:00+02:00"
       end="2023-05-27T06:00:00+02:00">
    <room name="Saal A">
      <event id="101" guid="2f4a0c1e-0000-4000-8000-000000000101">
        <date>2023-05-26T10:00:00+02:00</date>
        <start>10:00</start>
        <duration>00:30</duration>
        <room>Saal A</room>
        <slug>democon23-101-opening</slug>
        <recording><license/><optout>false</optout></recording>
        <title>Opening</title>
        <subtitle>Welcome to DemoCon</subtitle>
        <track>Main</track>
        <type>Talk</type>
        <language>en</language>
        <abstract>Hello.</abstract>
        <description/>
        <persons><person id="7">Anna Berg</person></persons>
        <links/>
      </event>
      <event id="102" guid="2f4a0c1e-0000-4000-8000-000000000102">
        <date>2023-05-26T10:30:00+02:00</date>
        <start>10:30</start>
        <duration>01:00</duration>
        <room>Saal A</room>
        <title>Keynote: open data</title>
        <track>Main</track>
        <type>Talk</type>
        <persons><person id="8">Bo Chen</person><person id="9">Cas Dekker</person></persons>
      </event>
      <event id="103" guid="2f4a0c1e-0000-4000-8000-000000000103">
        <date>2023-05-26T11:00:00+02:00</date>
        <start>11:00</start>
        <duration>00:45</duration>
        <room>Saal A</room>
        <title>Lightning talks</title>
        <type>Talk</type>
        <persons/>
      </event>
    </room>
    <room name="Saal B">
      <event id="104" guid="2f4a0c1e-0000-4000-8000-000000000104">
        <date>2023-05-26T10:30:00+02:00</date>
        <start>10:30</start>
        <duration>00:45</duration>
        <room>Saal B</room>
        <title>Workshop #1</title>
        <type>Workshop</type>
        <persons><person id="7">Anna Berg</person></persons>
      </event>
    </room>
  </day>
  <day index="2" date="2023-05-27" start="2023-05-27T06:00:00+02:00"
       end="2023-05-28T06:00:00+02:00">
    <room name="Saal A"/>
    <room name="Saal B">
      <event id="105" guid="2f4a0c1e-0000-4000-8000-000000000105">
        <date>2023-05-27T14:00:00+02:00</date>
        <start>14:00</start>
        <duration>02:00</duration>
        <room>Saal B</room>
        <title>Hackathon</title>
        <type>Workshop</type>
        <persons><person id="10">Eve</person><person id="11">Finn</person></persons>
      </event>
    </room>
  </day>
</schedule>
"""

# FOSDEM's Pentabarf export as it was for years: no guid, no <date>, no timezone, HH:MM:SS
PENTABARF_XML = """<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference>
    <title>FOSDEM 2018</title>
    <subtitle/>
    <venue>ULB (Université Libre de Bruxelles)</venue>
    <city>Brussels</city>
    <start>2018-02-03</start>
    <end>2018-02-04</end>
    <days>2</days>
    <day_change>09:00:00</day_change>
    <timeslot_duration>00:05:00</timeslot_duration>
  </conference>
  <day index="1" date="2018-02-03">
    <room name="Janson">
      <event id="7294">
        <start>09:30</start>
        <duration>00:25</duration>
        <room>Janson</room>
        <slug>keynotes_welcome</slug>
        <title>Welcome to FOSDEM 2018</title>
        <subtitle/>
        <track>Keynotes</track>
        <type>keynote</type>
        <language/>
        <abstract>&lt;p&gt;FOSDEM welcome and opening talk.&lt;/p&gt;</abstract>
        <description/>
        <persons>
          <person id="6">FOSDEM Staff</person>
        </persons>
        <links/>
      </event>
      <event id="6245">
        <start>10:00</start>
        <duration>00:50:00</duration>
        <room>Janson</room>
        <slug>osi</slug>
        <title>Consensus as a Service</title>
        <subtitle>Twenty Years of OSI Stewardship</subtitle>
        <track>Keynotes</track>
        <type>keynote</type>
        <persons>
          <person id="228">Simon Phipps</person>
          <person id="312">Italo Vignoli</person>
        </persons>
        <links>
          <link href="https://submission.fosdem.org/feedback/6245.php">Submit feedback</link>
        </links>
      </event>
    </room>
    <room name="K.1.105 (La Fontaine)">
    </room>
    <room name="AW1.121">
      <event id="6975">
        <start>10:30</start>
        <duration>00:25</duration>
        <room>AW1.121</room>
        <title>Simulating Multilevel Caches in Cachegrind</title>
        <track>Debugging tools</track>
        <type>devroom</type>
        <persons><person id="4410">Nicholas Nethercote</person></persons>
      </event>
    </room>
  </day>
  <day index="2" date="2018-02-04">
    <room name="Janson">
      <event id="6500">
        <start>17:00</start>
        <duration>00:15</duration>
        <room>Janson</room>
        <title>Closing FOSDEM 2018</title>
        <track>Keynotes</track>
        <type>keynote</type>
        <persons><person id="6">FOSDEM Staff</person></persons>
      </event>
    </room>
  </day>
</schedule>
"""

PRETALX_XML = """<?xml version='1.0' encoding='utf-8' ?>
<!-- Made with love by pretalx v2024.1.0. -->
<schedule>
    <generator name="pretalx" version="2024.1.0" />
    <version>0.7</version>
    <conference>
        <acronym>pycon-nl</acronym>
        <title>PyCon NL</title>
        <start>2024-10-10</start>
        <end>2024-10-10</end>
        <days>1</days>
        <timeslot_duration>00:05</timeslot_duration>
        <base_url>https://pretalx.example/pycon-nl/schedule/</base_url>
        <time_zone_name>Europe/Amsterdam</time_zone_name>
    </conference>
    <day index='1' date='2024-10-10' start='2024-10-10T04:00:00+02:00'
         end='2024-10-11T03:59:00+02:00'>
        <room name='Aula' guid='9a3c0d1e-5b0f-5e8e-9d2a-000000000001'>
            <event guid='6c2a8e0d-0b3b-5f6f-8e2d-0000000000a1' id='3101'>
                <date>2024-10-10T09:30:00+02:00</date>
                <start>09:30</start>
                <duration>00:45</duration>
                <room>Aula</room>
                <slug>pycon-nl-3101-keynote</slug>
                <url>https://pretalx.example/pycon-nl/talk/QXK3ZA/</url>
                <recording><license></license><optout>false</optout></recording>
                <title>Keynote: Python in 2030</title>
                <subtitle></subtitle>
                <track></track>
                <type>Keynote</type>
                <language>en</language>
                <abstract>Where we are going.</abstract>
                <description></description>
                <logo></logo>
                <persons><person id='55'>Jo Visser</person></persons>
                <links></links>
                <attachments></attachments>
            </event>
            <event guid='6c2a8e0d-0b3b-5f6f-8e2d-0000000000a2' id='3102'>
                <date>2024-10-10T12:15:00+02:00</date>
                <start>12:15</start>
                <duration>00:45</duration>
                <room>Aula</room>
                <title>Lunch</title>
                <type>Break</type>
                <persons></persons>
            </event>
        </room>
        <room name='Zaal 2' guid='9a3c0d1e-5b0f-5e8e-9d2a-000000000002'>
            <event guid='6c2a8e0d-0b3b-5f6f-8e2d-0000000000a3' id='3103'>
                <date>2024-10-10T10:30:00+02:00</date>
                <start>10:30</start>
                <duration>00:30</duration>
                <room>Zaal 2</room>
                <title>Typing the untyped</title>
                <type>Talk</type>
                <persons><person id='56'>Sam de Wit</person></persons>
            </event>
        </room>
    </day>
</schedule>
"""

# a Google Calendar export of a camp: a series with an end, one without, an all-day event,
# a cancelled one, UTC times, two locations and events with none
CAMP_ICS = """BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:Zomerkamp 2024
X-WR-TIMEZONE:Europe/Amsterdam
BEGIN:VTIMEZONE
TZID:Europe/Amsterdam
X-LIC-LOCATION:Europe/Amsterdam
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
DTSTART;TZID=Europe/Amsterdam:20240710T140000
DTEND;TZID=Europe/Amsterdam:20240710T153000
RRULE:FREQ=DAILY;COUNT=3
EXDATE;TZID=Europe/Amsterdam:20240711T140000
DTSTAMP:20240601T120000Z
UID:solderen-2024@zomerkamp.example
SUMMARY:Solderen voor beginners
LOCATION:Werkplaats
DESCRIPTION:Neem niets mee\\, wij hebben bouten.\\nTweede regel met details.
END:VEVENT
BEGIN:VEVENT
RECURRENCE-ID;TZID=Europe/Amsterdam:20240712T140000
DTSTART;TZID=Europe/Amsterdam:20240712T160000
DTEND;TZID=Europe/Amsterdam:20240712T173000
DTSTAMP:20240601T120000Z
UID:solderen-2024@zomerkamp.example
SUMMARY:Solderen voor beginners
LOCATION:Werkplaats
DESCRIPTION:Later vandaag.
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=Europe/Amsterdam:20240601T080000
DTEND;TZID=Europe/Amsterdam:20240601T090000
RRULE:FREQ=DAILY
DTSTAMP:20240601T120000Z
UID:ontbijt@zomerkamp.example
SUMMARY:Ontbijt
END:VEVENT
BEGIN:VEVENT
DTSTART:20240710T080000Z
DTEND:20240710T090000Z
DTSTAMP:20240601T120000Z
UID:opening@zomerkamp.example
SUMMARY:Opening
LOCATION:Grote tent
URL:https://zomerkamp.example/opening
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20240710
DTEND;VALUE=DATE:20240713
DTSTAMP:20240601T120000Z
UID:kamp-open@zomerkamp.example
SUMMARY:Kamp open
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20240710
RRULE:FREQ=DAILY;COUNT=3
DTSTAMP:20240601T120000Z
UID:zwemmen@zomerkamp.example
SUMMARY:Zwembad open
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=Europe/Amsterdam:20240711T110000
DTEND;TZID=Europe/Amsterdam:20240711T120000
DTSTAMP:20240601T120000Z
UID:kanovaren@zomerkamp.example
STATUS:CANCELLED
SUMMARY:Kanovaren
LOCATION:Grote tent
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=Europe/Amsterdam:20240711T200000
DTEND;TZID=Europe/Amsterdam:20240711T220000
DTSTAMP:20240601T120000Z
UID:film@zomerkamp.example
SUMMARY:Film: Hackers
LOCATION:Grote tent
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=Europe/Amsterdam:20240711T203000
DURATION:PT1H
DTSTAMP:20240601T120000Z
UID:kampvuur@zomerkamp.example
SUMMARY:Kampvuur
END:VEVENT
END:VCALENDAR
"""

# an Outlook export: a Windows zone name, one location (the venue)
OUTLOOK_ICS = """BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
METHOD:PUBLISH
X-MS-OLK-FORCEINSPECTOROPEN:TRUE
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16011028T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
DTSTART;TZID="W. Europe Standard Time":20241122T093000
DTEND;TZID="W. Europe Standard Time":20241122T100000
DTSTAMP:20241101T090000Z
UID:040000008200E00074C5B7101A82E00800000000A1
SUMMARY:Inloop met koffie
LOCATION:De Schoor\\, Amsterdam
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID="W. Europe Standard Time":20241122T100000
DTEND;TZID="W. Europe Standard Time":20241122T110000
DTSTAMP:20241101T090000Z
UID:040000008200E00074C5B7101A82E00800000000A2
SUMMARY:Plenaire opening
LOCATION:De Schoor\\, Amsterdam
END:VEVENT
END:VCALENDAR
"""


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def on_day(p, n: int) -> list:
    """The items of the programme's day n (0: the first), in order."""
    return [i for i in p.items if i.start.date() == p.days[n].date]


def on_at(text: str, when: str, tz: str) -> dict[str, str]:
    """What each room's line has on at `when`, as the screens show it."""
    snap = Tracks(loads(text), State()).snapshot(pendulum.parse(when, tz=tz))
    return {room: s.now.item.title for room, s in snap.rooms if s.now}


# -- frab, pretalx and Pentabarf XML ---------------------------------------------------------


def test_a_frab_xml_imports_with_its_days_rooms_persons_and_ids(tmp_path: Path, capsys):
    source = write(tmp_path, "schedule.xml", FRAB_XML)
    out = tmp_path / "programme.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 0
    assert "wrote" in capsys.readouterr().err
    assert main(["check", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    p = loads(text)
    assert (p.event.title, p.event.timezone) == ("DemoCon & Friends", "Europe/Berlin")
    assert p.event.rooms == ("Saal A", "Saal B")
    assert [d.date.isoformat() for d in p.days] == ["2023-05-26", "2023-05-27"]
    keynote = next(i for i in p.items if i.title == "Keynote: open data")
    assert (keynote.by, keynote.id) == ("Bo Chen, Cas Dekker", "event-102")
    workshop = next(i for i in p.items if i.title == "Workshop #1")
    assert (workshop.kind, workshop.room) == ("workshop", "Saal B")
    # the keynote runs into the lightning talks in Saal A: cut, and the file says so
    assert "# runs 30 min into the next talk here: cut to fit" in text
    assert keynote.end.strftime("%H:%M") == "11:00"
    assert on_at(text, "2023-05-26T10:40", "Europe/Berlin") == {
        "Saal A": "Keynote: open data",
        "Saal B": "Workshop #1",
    }


def test_a_frab_xml_imports_to_the_same_programme_as_its_json(tmp_path: Path):
    from_json = convert(THREE_DAYS, "democon")
    from_xml = read(write(tmp_path, "democon", as_xml(THREE_DAYS)))
    assert from_xml == from_json


def test_a_pentabarf_xml_without_a_timezone_is_refused_with_a_way_out(tmp_path: Path, capsys):
    source = write(tmp_path, "fosdem.xml", PENTABARF_XML)
    assert main(["import", str(source), "-o", str(tmp_path / "programme.yaml")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kiosk: {source}: ") and "names no timezone" in err
    assert err.count("\n") == 1 and not (tmp_path / "programme.yaml").exists()


def test_a_pentabarf_xml_imports_with_the_venues_timezone(tmp_path: Path, capsys):
    text = read(write(tmp_path, "fosdem.xml", PENTABARF_XML), timezone="Europe/Brussels")
    p = loads(text)
    assert (p.event.title, p.event.timezone) == ("FOSDEM 2018", "Europe/Brussels")
    assert "  timezone: Europe/Brussels  # from --timezone" in text
    # the rooms in the file's order; the one with nothing on is named in a comment
    assert p.event.rooms == ("Janson", "AW1.121")
    assert "  # rooms without events, left out: K.1.105 (La Fontaine)" in text
    osi = next(i for i in p.items if i.id == "event-6245")
    assert (osi.title, osi.by) == ("Consensus as a Service", "Simon Phipps, Italo Vignoli")
    assert osi.description == "Twenty Years of OSI Stewardship"
    assert (osi.start.strftime("%H:%M"), osi.end.strftime("%H:%M")) == ("10:00", "10:50")
    assert [i.title for i in on_day(p, 1)] == ["Closing FOSDEM 2018"]
    assert on_at(text, "2018-02-03T10:35", "Europe/Brussels") == {
        "Janson": "Consensus as a Service",
        "AW1.121": "Simulating Multilevel Caches in Cachegrind",
    }
    out = write(tmp_path, "programme.yaml", text)
    assert main(["check", str(out)]) == 0
    assert "Saturday 3 February 2018" in capsys.readouterr().out


def test_a_pretalx_xml_imports_with_its_guids_pages_and_breaks(tmp_path: Path):
    text = read(write(tmp_path, "schedule.xml", PRETALX_XML))
    p = loads(text)
    assert (p.event.title, p.event.timezone) == ("PyCon NL", "Europe/Amsterdam")
    assert [(i.title, i.kind, i.id) for i in p.items] == [
        ("Keynote: Python in 2030", "keynote", "event-3101"),
        ("Typing the untyped", "talk", "event-3103"),
        ("Lunch", "break", "event-3102"),
    ]
    assert "# https://pretalx.example/pycon-nl/talk/QXK3ZA/" in text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"<schedule>\n  <conference>\n  </schedule>",
            "is not well-formed XML: mismatched tag at line 3, column 4",
        ),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">\n'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<schedule>&b;</schedule>',
            "is XML with an entity declaration or external reference at line 2"
            " (EntitiesForbidden): a schedule needs none, so it is not read",
        ),
        (
            b'<iCalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0"/>',
            "is XML, but not a frab or Pentabarf schedule: its root is <iCalendar>, not <schedule>",
        ),
        (
            b"<schedule><version>1</version></schedule>",
            "not a frab or Pentabarf schedule.xml: <schedule> has no <conference>",
        ),
    ],
    ids=["malformed", "entities", "xcal", "no-conference"],
)
def test_bad_xml_is_one_line_with_where_and_exit_1(tmp_path: Path, capsys, content, expected):
    source = write(tmp_path, "schedule.xml", content)
    with pytest.raises(ScheduleError) as info:
        read(source)
    assert str(info.value) == expected
    assert main(["import", str(source), "-o", str(tmp_path / "programme.yaml")]) == 1
    assert capsys.readouterr().err == f"kiosk: {source}: {expected}\n"
    assert not (tmp_path / "programme.yaml").exists()


def test_an_xml_event_without_a_title_is_named_by_its_day_and_room(tmp_path: Path):
    broken = FRAB_XML.replace("<title>Hackathon</title>", "<title> </title>")
    with pytest.raises(ScheduleError, match=r"^day 2, room Saal B: an event has no title$"):
        read(write(tmp_path, "schedule.xml", broken))


# -- knowing the format ----------------------------------------------------------------------


def test_the_format_is_known_by_the_content_whatever_the_name(tmp_path: Path):
    assert kind_of(b'\xef\xbb\xbf  {"schedule": {}}') == "json"
    assert kind_of(b"\n<?xml version='1.0'?><schedule/>", "x.json") == "xml"
    assert kind_of(b"BEGIN:VCALENDAR\r\n", "download") == "ical"
    assert kind_of(b"garbage", "cal.ics") == "ical"  # the name, when the content says nothing
    assert kind_of(b"garbage", "notes.txt") is None
    assert kind_of(b"<!DOCTYPE html>\n<html lang=en>", "schedule.xml") == "html"
    # a schedule.json saved as .xml, and a calendar saved as .txt, import all the same
    assert loads(read(write(tmp_path, "schedule.xml", json.dumps(THREE_DAYS)))).items
    assert loads(read(write(tmp_path, "agenda.txt", CAMP_ICS))).items


def test_a_file_in_no_known_format_says_which_formats_there_are(tmp_path: Path, capsys):
    source = write(tmp_path, "notes.txt", "Opening at ten\n")
    assert main(["import", str(source)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"kiosk: {source}: is in no format kiosk import reads (pretalx or frab schedule.json,"
        " frab, pretalx or Pentabarf (FOSDEM) schedule.xml, iCalendar (.ics)):"
        " it starts with 'Opening at ten'\n"
    )


def test_a_saved_web_page_is_not_taken_for_a_schedule(tmp_path: Path, capsys):
    source = write(tmp_path, "schedule.xml", "<!DOCTYPE html>\n<html><body>Fahrplan</body></html>")
    assert main(["import", str(source)]) == 1
    assert capsys.readouterr().err == (
        f"kiosk: {source}: is a web page (HTML), not a schedule: save the schedule's export"
        " instead (schedule.json, schedule.xml or an .ics)\n"
    )


def test_import_help_lists_the_formats(capsys):
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for name in ("schedule.json", "Pentabarf (FOSDEM) schedule.xml", "iCalendar file (.ics"):
        assert name in out


# -- iCalendar -------------------------------------------------------------------------------


def test_a_camp_calendar_imports_over_its_days_with_series_expanded(tmp_path: Path, capsys):
    source = write(tmp_path, "zomerkamp.ics", CAMP_ICS)
    out = tmp_path / "programme.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["check", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    p = loads(text)
    assert (p.event.title, p.event.timezone) == ("Zomerkamp 2024", "Europe/Amsterdam")
    assert "  timezone: Europe/Amsterdam  # from the calendar's X-WR-TIMEZONE" in text
    assert p.event.rooms == ("Grote tent", "Werkplaats", "Other")
    # the days of the one-off events and the series that ends; the endless breakfast on each
    assert [d.date.isoformat() for d in p.days] == ["2024-07-10", "2024-07-11", "2024-07-12"]
    assert [(i.title, i.start.strftime("%H:%M"), i.room) for i in on_day(p, 0)] == [
        ("Ontbijt", "08:00", None),
        ("Opening", "10:00", "Grote tent"),  # 08:00 UTC, at the venue
        ("Solderen voor beginners", "14:00", "Werkplaats"),
    ]
    ids = [i.id for i in p.items]
    assert len(ids) == len(set(ids)) and "ontbijt@zomerkamp.example/20240711T0800" in ids
    solderen = on_day(p, 0)[-1]
    assert solderen.description == "Neem niets mee, wij hebben bouten."
    assert solderen.end.strftime("%H:%M") == "15:30"
    # not on the day its EXDATE takes out; moved to 16:00 on the last (its RECURRENCE-ID)
    assert "Solderen voor beginners" not in [i.title for i in on_day(p, 1)]
    moved = on_day(p, 2)[-1]
    assert (moved.title, moved.start.strftime("%H:%M")) == ("Solderen voor beginners", "16:00")
    assert (moved.end.strftime("%H:%M"), moved.description) == ("17:30", "Later vandaag.")
    assert moved.id == "solderen-2024@zomerkamp.example/20240712T1400"  # as it was planned
    # what the calendar has that the programme leaves out, said at the top
    assert "# Left out, all day: Kamp open (2024-07-10)" in text
    assert "# Left out, all day: Zwembad open (2024-07-10, 2024-07-11, 2024-07-12)" in text
    assert "# Left out, cancelled: Kanovaren (2024-07-11)" in text
    assert "Kanovaren" not in [i.title for i in p.items]
    # the campfire has no location but runs beside the film: a room of its own
    assert on_at(text, "2024-07-11T21:00", "Europe/Amsterdam") == {
        "Grote tent": "Film: Hackers",
        "Other": "Kampvuur",
    }


def test_an_outlook_calendar_names_its_zone_the_windows_way_and_one_place_is_the_venue(
    tmp_path: Path,
):
    text = read(write(tmp_path, "agenda.ics", OUTLOOK_ICS))
    p = loads(text)
    assert p.event.timezone == "Europe/Berlin"  # W. Europe Standard Time
    assert "from the events' TZID (W. Europe Standard Time)" in text
    assert "  venue: De Schoor, Amsterdam" in text
    assert p.event.rooms == ()
    assert [(i.title, i.start.strftime("%H:%M"), i.room) for i in p.items] == [
        ("Inloop met koffie", "09:30", None),
        ("Plenaire opening", "10:00", None),
    ]


def test_a_calendar_of_floating_times_needs_the_venues_zone(tmp_path: Path, capsys):
    floating = "\n".join(
        line
        for line in OUTLOOK_ICS.replace(';TZID="W. Europe Standard Time"', "").splitlines()
        if "VTIMEZONE" not in line
    )
    floating = floating.split("BEGIN:STANDARD")[0] + floating[floating.index("BEGIN:VEVENT") :]
    source = write(tmp_path, "agenda.ics", floating)
    assert main(["import", str(source)]) == 1
    assert "the calendar names no timezone (X-WR-TIMEZONE" in capsys.readouterr().err
    p = loads(read(source, timezone="Europe/Amsterdam"))
    assert p.items[0].start.isoformat() == "2024-11-22T09:30:00+01:00"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"BEGIN:VCALENDAR\nthis is no content line\nEND:VCALENDAR\n", "is not valid iCalendar:"),
        (
            b"BEGIN:VCALENDAR\nVERSION:2.0\nX-WR-TIMEZONE:Europe/Berlin\nEND:VCALENDAR\n",
            "is an iCalendar file with no events (VEVENT)",
        ),
        (
            b"BEGIN:VCALENDAR\nX-WR-TIMEZONE:Europe/Berlin\nBEGIN:VEVENT\nUID:1\n"
            b"DTSTART;VALUE=DATE:20240710\nSUMMARY:All day\nEND:VEVENT\nEND:VCALENDAR\n",
            "the calendar has no events with a time (all-day ones are left out)",
        ),
    ],
    ids=["broken", "no-events", "all-day-only"],
)
def test_a_bad_calendar_is_one_line_and_exit_1(tmp_path: Path, capsys, content, expected):
    source = write(tmp_path, "calendar.ics", content)
    assert main(["import", str(source), "-o", str(tmp_path / "programme.yaml")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kiosk: {source}: {expected}") and err.count("\n") == 1
    assert not (tmp_path / "programme.yaml").exists()


# -- any schedule, and a congress ------------------------------------------------------------

titles = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn")),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip())


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["Saal A", "Saal B"]), st.integers(0, 20 * 60), titles),
        min_size=1,
        max_size=10,
    )
)
def test_any_schedule_as_xml_imports_as_its_json_does(tmp_path_factory, parts):
    rooms: dict[str, list[dict]] = {"Saal A": [], "Saal B": []}
    for n, (room, minute, title) in enumerate(parts, 1):
        hhmm = f"{6 + minute // 60:02d}:{minute % 60:02d}"
        rooms[room].append(talk(n, "2023-05-26", hhmm, 30, room, title))
    data = schedule([day("2023-05-26", **{k.replace(" ", "_"): v for k, v in rooms.items()})])
    path = tmp_path_factory.mktemp("xml") / "schedule"
    path.write_bytes(as_xml(data))
    assert read(path) == convert(data, "schedule")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Tent A", "Tent B", ""]),  # "": no LOCATION
            st.integers(0, 14 * 60),  # minutes from 08:00
            st.integers(0, 4 * 60),
            titles,
        ),
        min_size=1,
        max_size=12,
    )
)
# an event of no length for everyone at the start of a room's: in that room's line at one time
@example(parts=[("Tent A", 0, 1, "0"), ("Tent B", 0, 0, "0"), ("", 0, 0, "0")])
def test_any_calendar_even_with_clashes_imports_to_a_programme_the_kiosk_takes(
    tmp_path_factory, parts
):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN", "X-WR-TIMEZONE:Europe/Berlin"]
    start = pendulum.datetime(2024, 7, 10, 8, tz="Europe/Berlin")
    for n, (room, offset, minutes, title) in enumerate(parts, 1):
        begin = start.add(minutes=offset).in_tz("UTC")
        end = begin.add(minutes=minutes)
        summary = title.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{n}@t",
            f"DTSTART:{begin.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTEND:{end.strftime('%Y%m%dT%H%M%SZ')}",
            "SUMMARY:" + summary.replace("\r", " ").replace("\n", "\\n"),
            *([f"LOCATION:{room}"] if room else []),
            "END:VEVENT",
        ]
    path = tmp_path_factory.mktemp("ics") / "calendar.ics"
    path.write_text("\r\n".join([*lines, "END:VCALENDAR"]), encoding="utf-8")
    p = loads(read(path))
    # every event is there, unless it shares its room and start with another
    assert len(p.items) <= len(parts)
    assert {i.id for i in p.items} <= {f"{n}@t" for n in range(1, len(parts) + 1)}


@pytest.mark.parametrize(("name", "write_as"), [("schedule.xml", as_xml), ("congress.ics", as_ics)])
def test_a_congress_of_a_thousand_talks_in_thirty_rooms_imports_whole(
    tmp_path: Path, name, write_as
):
    # how fast is measured in benchmarks/import_formats.py; here: all of it, as the kiosk reads it
    source = write(tmp_path, name, write_as(congress(talks=1000, rooms=30, days=2)))
    p = loads(read(source))
    assert len(p.items) == 1000 and len(p.event.rooms) == 30 and len(p.days) == 2
    assert {i.title for i in p.items} == {f"Talk {n}: on things" for n in range(1, 1001)}
