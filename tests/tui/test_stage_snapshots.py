"""The speaker's screen (`--view stage`) in each phase and at a venue TV's 80x24, a larger
120x40 and a small 40x12, as reviewed SVG pictures.

Update after a reviewed change of look with:
pytest tests/tui/test_stage_snapshots.py --snapshot-update
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_snapshots import same_textual  # noqa: F401  (the pictures' Textual, checked)

from conftest import PROGRAMME
from kiosk.core.settings import Settings
from kiosk.core.times import parse_when
from kiosk.files.clock import FixedClock
from kiosk.files.loader import load
from kiosk.tui.app import make_app

GAP = """\
event: {title: Buurtavond, date: 2022-11-22, timezone: Europe/Amsterdam}
programme:
  - {start: 14:00, end: 17:00, title: Open huis}
  - {start: 19:30, title: Voorstelling, duration: 90}
"""
PHASES = {  # the moment, and the host's keys before it
    "before": ("12:00", ()),
    "on": ("14:05", ()),
    "wrap-up": ("14:18", ()),
    "nearly-time": ("14:21", ()),
    "break": ("15:20", ()),
    "after": ("18:30", ()),
    "message": ("14:05", ("M", *"Nog 5 minuten, dan vragen uit de zaal", "enter")),
}
SIZES = {"40x12": (40, 12), "80x24": (80, 24), "120x40": (120, 40)}


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(PROGRAMME, tmp_path / "programme.yaml")
    (tmp_path / "gap.yaml").write_text(GAP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def stage_at(at: str, name: str = "programme.yaml", follow: bool = True):
    programme = load(name)
    start = parse_when(at, programme.event.date, programme.event.timezone)
    settings = Settings(Path(name), Path("programme.state.json"), follow=follow, view="stage")
    return make_app(settings, programme, FixedClock(programme.event.timezone, start))


@pytest.mark.parametrize("phase", PHASES)
def test_stage_phase(snap_compare, here, phase: str):
    at, keys = PHASES[phase]
    # a speaker's screen follows the host's; the message is typed at a host's stage view
    assert snap_compare(stage_at(at, follow=not keys), press=list(keys), terminal_size=(80, 24))


def test_stage_gap(snap_compare, here):
    assert snap_compare(stage_at("18:00", "gap.yaml"), terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES)
def test_stage_over_time(snap_compare, here, size: str):
    async def run_over(pilot) -> None:
        await pilot.press("n")  # the opening, started by the host at 13:59
        pilot.app.clock.advance(25 * 60)
        pilot.app.tick()

    app = stage_at("13:59", follow=False)
    assert snap_compare(app, run_before=run_over, terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_stage_sizes(snap_compare, here, size: str):
    assert snap_compare(stage_at("14:18"), terminal_size=SIZES[size])
