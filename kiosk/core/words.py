"""Every word on screen, one table per language, and the small phrases built from them."""

from __future__ import annotations

import math
from datetime import date, timedelta
from functools import cache

import pendulum

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "now": "Nu",
        "now_in": "Nu in {room}",
        "room_empty": "Vandaag niets in {room}",
        "elsewhere": "Nu elders: {what}",
        "next_in": "Hierna in {room}",
        "next": "Hierna",
        "approx": "ca.",
        "left": "nog {d}",
        "at_in": "om {t} · over {d}",
        "in": "over {d}",
        "starting": "begint nu",
        "walk_in_from": "{title} vanaf {t}",
        "starts_at": "Begint om {t}",
        "drinks_until": "tot {t}",
        "thanks": "Bedankt voor je komst",
        "was_on": "Deze bijeenkomst was op {date}",
        "on_day": "{date}: {what}",
        "tomorrow": "Morgen",
        "web_lost": "De verbinding met de kiosk is weg · het scherm komt vanzelf terug",
        "web_full": "Er kijken al {n} schermen mee · dit scherm kijkt over een halve minuut weer",
        "web_unknown": "Die zaal of dat thema kent deze kiosk niet · zalen: {rooms}",
        "web_no_view": "Die weergave kent deze kiosk niet · weergaven: {views}",
        "mark_offline": "geen verbinding",
        "thanks_today": "Bedankt voor vandaag · {what}",
        "q_left": "nog",
        "q_over": "uitloop",
        "q_wrap": "afronden",
        "q_last": "bijna tijd",
        "left_wrap": "afronden · nog {d}",
        "left_last": "bijna tijd · nog {d}",
        "turn": "ronde {n} van {of} · wisselen over {d}",
        "turn_last": "ronde {n} van {of}",
        "q_in": "over",
        "q_until": "tot",
        "u_min": "min",
        "u_min_left": "min",
        "u_hours": "uur",
        "u_hours_left": "uur",
        "u_days": "dagen",
        "at": "om {t}",
        "next_in_rooms": "Hierna in de zalen",
        "at_once": "{n} onderdelen tegelijk",
        # the hall's rooms a page at a time: the others, and which page of how many
        "more_rooms": "+{n} zalen · {page}/{pages}",
        "more_room": "+1 zaal · {page}/{pages}",
        "rooms_page": "{page}/{pages}",
        "late": "loopt ca. {n} min uit",
        "early": "loopt ca. {n} min voor",
        "was": "was {t}",
        "from_t": "vanaf {t}",
        "overtime": "uitloop {d}",
        "resume_at": "We gaan verder om {t}",
        "min": "{n} min",
        "hours": "{h} u {m} min",
        "hours_only": "{h} u",
        "days": "{n} dagen",
        "day": "1 dag",
        "mark_clock": "klok",
        "mark_clock_shift": "klok · rest {n:+d} min",
        "mark_host": "host · {n:+d} min",
        "mark_unwritable": "⚠ status niet bewaard",
        "state_file": "status: {path}",
        "first_hint": "n: het volgende onderdeel begint · ?: alle toetsen",
        "note_next": "{title} begint nu · u: ongedaan",
        "note_end": "het programma is afgesloten · u: ongedaan",
        "note_clock": "het scherm volgt weer de klok · u: ongedaan",
        "note_later": "de rest 5 min later ({n:+d} min) · u: ongedaan",
        "note_earlier": "de rest 5 min eerder ({n:+d} min) · u: ongedaan",
        "note_announced": "mededeling staat op het scherm · m: wijzigen of weghalen",
        "note_cleared": "mededeling weggehaald · u: terug",
        "note_blank": "scherm zwart · elke toets: terug",
        "note_unblank": "scherm terug",
        "note_undone": "ongedaan gemaakt",
        "note_nothing_next": "na het einde komt niets meer",
        "note_nothing_prev": "er is geen vorig onderdeel",
        "note_theme": "thema: {name} · t: volgend thema",
        "announce_prompt": "Mededeling · Enter toont · Enter op leeg haalt weg · Esc laat staan",
        "announce_current": "Nu op het scherm: {text}",
        "announce_none": "Er staat nu geen mededeling op het scherm.",
        "announce_take": "↑: de huidige tekst aanpassen",
        "help_next_does": "n nu: {what}",
        "help_prev_does": "p nu: {what}",
        "would_start": "{title} begint",
        "would_turns": "{what} (niet de volgende ronde: de rondes lopen op de klok)",
        "report_head": "gepland      echt         +min  onderdeel",
        "report_not_on": "niet op",
        "report_total": "Aan het eind: {d} min tegen het plan",
        "report_so_far": "Tot nu toe: {d} min tegen het plan",
        "report_actions": (
            "De host: {keys}× volgende of vorige, {shifts}× verschoven, {said}× mededeling"
        ),
        "report_cleared": "(mededeling weggehaald)",
        "would_close": "het programma sluit af",
        "help_nothing": "niets",
        "quit_question": "De kiosk afsluiten?",
        "yes": "Ja, afsluiten",
        "no": "Nee, doorgaan",
        "help_title": "Toetsen voor de host",
        "help_close": "Esc of ?: sluiten",
        "key_next": "volgend onderdeel begint nu (ook PageDown)",
        "key_prev": "vorig onderdeel begint opnieuw (ook PageUp)",
        "key_clock": "volg de klok weer",
        "key_later": "de rest 5 min later",
        "key_earlier": "de rest 5 min eerder",
        "key_announce": "mededeling typen (leeg haalt weg)",
        "key_undo": "laatste actie ongedaan maken",
        "key_blank": "scherm zwart, ook . (elke toets brengt het terug)",
        "key_theme": "volgend thema",
        "key_help": "deze hulp",
        "key_quit": "afsluiten (na bevestiging)",
        "reloaded": "programma bijgewerkt: {what}",
        "added": "{n} nieuw",
        "removed": "{n} weg",
        "changed": "{n} gewijzigd",
        "nothing_changed": "niets veranderd",
        "broken": "{where}: {message} (het laatste goede programma blijft staan)",
        "item_gone": "onderdeel '{id}' bestaat niet meer: het scherm volgt de klok",
        "state_damaged": (
            "statusbestand onleesbaar, apart gezet als {path}: het scherm volgt de klok"
        ),
        "state_unwritable": "statusbestand kan niet worden geschreven: {error}",
        "nothing_to_undo": "niets om ongedaan te maken",
        "note_staged": "bericht staat op het podiumscherm · M: wijzigen of weghalen",
        "note_unstaged": "bericht voor de spreker weggehaald · u: terug",
        "stage_prompt": (
            "Bericht voor de spreker, alleen op het podiumscherm · Enter stuurt · Enter op leeg"
            " haalt weg · Esc laat staan"
        ),
        "stage_current": "Nu op het podiumscherm: {text}",
        "stage_none": "Er staat nu geen bericht op het podiumscherm.",
        "stage_take": "↑: de huidige tekst aanpassen",
        "key_stage": "bericht voor de spreker (leeg haalt weg)",
        "stage_next": "{label}: {title} · {when}",
        "stage_over": "Het programma is afgelopen",
    },
    "en": {
        "now": "Now",
        "now_in": "Now in {room}",
        "room_empty": "Nothing in {room} today",
        "elsewhere": "Now elsewhere: {what}",
        "next_in": "Next in {room}",
        "next": "Next",
        "approx": "approx.",
        "left": "{d} left",
        "at_in": "at {t} · in {d}",
        "in": "in {d}",
        "starting": "starting now",
        "walk_in_from": "{title} from {t}",
        "starts_at": "Starts at {t}",
        "drinks_until": "until {t}",
        "thanks": "Thank you for coming",
        "was_on": "This event was on {date}",
        "on_day": "{date}: {what}",
        "tomorrow": "Tomorrow",
        "web_lost": "The connection to the kiosk is lost · the screen comes back by itself",
        "web_full": "{n} screens are already watching · this one tries again in half a minute",
        "web_unknown": "This kiosk has no such room or theme · rooms: {rooms}",
        "web_no_view": "This kiosk has no such view · views: {views}",
        "mark_offline": "no connection",
        "thanks_today": "Thank you for today · {what}",
        "q_left": "",
        "q_over": "over time",
        "q_wrap": "wrap up",
        "q_last": "nearly time",
        "left_wrap": "wrap up · {d} left",
        "left_last": "nearly time · {d} left",
        "turn": "round {n} of {of} · switch in {d}",
        "turn_last": "round {n} of {of}",
        "q_in": "in",
        "q_until": "until",
        "u_min": "min",
        "u_min_left": "min left",
        "u_hours": "h",
        "u_hours_left": "h left",
        "u_days": "days",
        "at": "at {t}",
        "next_in_rooms": "Next in the rooms",
        "at_once": "{n} parts at once",
        "more_rooms": "+{n} rooms · {page}/{pages}",
        "more_room": "+1 room · {page}/{pages}",
        "rooms_page": "{page}/{pages}",
        "late": "running about {n} min late",
        "early": "running about {n} min early",
        "was": "was {t}",
        "from_t": "from {t}",
        "overtime": "{d} over time",
        "resume_at": "We resume at {t}",
        "min": "{n} min",
        "hours": "{h} h {m} min",
        "hours_only": "{h} h",
        "days": "{n} days",
        "day": "1 day",
        "mark_clock": "clock",
        "mark_clock_shift": "clock · rest {n:+d} min",
        "mark_host": "host · {n:+d} min",
        "mark_unwritable": "⚠ state not saved",
        "state_file": "state: {path}",
        "first_hint": "n: the next part starts · ?: all keys",
        "note_next": "{title} starts now · u: undo",
        "note_end": "the programme is closed · u: undo",
        "note_clock": "the screen follows the clock again · u: undo",
        "note_later": "the rest 5 min later ({n:+d} min) · u: undo",
        "note_earlier": "the rest 5 min earlier ({n:+d} min) · u: undo",
        "note_announced": "the announcement is on screen · m: change or clear it",
        "note_cleared": "announcement cleared · u: bring it back",
        "note_blank": "screen blank · any key: back",
        "note_unblank": "screen back",
        "note_undone": "undone",
        "note_nothing_next": "nothing comes after the end",
        "note_nothing_prev": "there is no previous part",
        "note_theme": "theme: {name} · t: next theme",
        "announce_prompt": "Announcement · Enter shows it · Enter on empty clears · Esc keeps",
        "announce_current": "On screen now: {text}",
        "announce_none": "There is no announcement on screen now.",
        "announce_take": "↑: edit the current text",
        "help_next_does": "n now: {what}",
        "help_prev_does": "p now: {what}",
        "would_start": "{title} starts",
        "would_turns": "{what} (not the next round: the rounds follow the clock)",
        "report_head": "planned      actual       +min  part",
        "report_not_on": "not on",
        "report_total": "At the end: {d} min against the plan",
        "report_so_far": "So far: {d} min against the plan",
        "report_actions": (
            "The host: {keys}× next or previous, {shifts}× shifted, {said}× announced"
        ),
        "report_cleared": "(announcement cleared)",
        "would_close": "the programme closes",
        "help_nothing": "nothing",
        "quit_question": "Quit the kiosk?",
        "yes": "Yes, quit",
        "no": "No, go on",
        "help_title": "Keys for the host",
        "help_close": "Esc or ?: close",
        "key_next": "next part starts now (also PageDown)",
        "key_prev": "previous part starts again (also PageUp)",
        "key_clock": "follow the clock again",
        "key_later": "the rest 5 min later",
        "key_earlier": "the rest 5 min earlier",
        "key_announce": "type an announcement (empty clears)",
        "key_undo": "undo the last action",
        "key_blank": "blank the screen, also . (any key brings it back)",
        "key_theme": "next theme",
        "key_help": "this help",
        "key_quit": "quit (after confirmation)",
        "reloaded": "programme updated: {what}",
        "added": "{n} added",
        "removed": "{n} removed",
        "changed": "{n} changed",
        "nothing_changed": "nothing changed",
        "broken": "{where}: {message} (the last good programme stays on screen)",
        "item_gone": "item '{id}' no longer exists: the screen follows the clock",
        "state_damaged": (
            "state file unreadable, kept aside as {path}: the screen follows the clock"
        ),
        "state_unwritable": "state file cannot be written: {error}",
        "nothing_to_undo": "nothing to undo",
        "note_staged": "the message is on the stage screen · M: change or clear it",
        "note_unstaged": "message to the stage cleared · u: bring it back",
        "stage_prompt": (
            "Message to the speaker, on the stage screen only · Enter sends · Enter on empty"
            " clears · Esc keeps"
        ),
        "stage_current": "On the stage screen now: {text}",
        "stage_none": "There is no message on the stage screen now.",
        "stage_take": "↑: edit the current text",
        "key_stage": "message to the speaker (stage screen; empty clears)",
        "stage_next": "{label}: {title} · {when}",
        "stage_over": "The programme is over",
    },
}


@cache  # the header says it every tick; the day changes once a day
def _day(day: date, language: str) -> str:
    return pendulum.date(day.year, day.month, day.day).format("dddd D MMMM YYYY", locale=language)


class Words:
    """The phrases of one language."""

    def __init__(self, language: str = "nl"):
        self.language = language if language in WORDS else "nl"
        self.table = WORDS[self.language]

    def __call__(self, key: str, **values: object) -> str:
        return self.table[key].format(**values)

    def span(self, delta: timedelta) -> str:
        """A stretch of time as attendees read it: 12 min, 1 u 5 min, 3 dagen (rounded up)."""
        minutes = max(0, math.ceil(delta.total_seconds() / 60))
        if minutes >= 48 * 60:
            return self("days", n=minutes // (24 * 60))
        if minutes >= 24 * 60:
            return self("day")
        if minutes >= 60:
            h, m = divmod(minutes, 60)
            return self("hours", h=h, m=m) if m else self("hours_only", h=h)
        return self("min", n=minutes)

    def day(self, day: date) -> str:
        return _day(day, self.language)

    def drift(self, minutes: int) -> str:
        """The room's drift in words; small drifts (under 3 min) are not worth a line."""
        if abs(minutes) < 3:
            return ""
        n = abs(minutes) if abs(minutes) < 5 else 5 * round(abs(minutes) / 5)
        return self("late" if minutes > 0 else "early", n=n)
