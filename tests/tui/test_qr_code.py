"""The event's page as a QR code: read back from the cells on screen, it is the page's URL."""

from __future__ import annotations

import pytest
import segno

from conftest import TABLES
from kiosk.core.qr import QUIET, modules, qr_lines

URL = "https://www.movisie.nl/"


def expected(url: str) -> list[list[int]]:
    """segno's modules for `url`, with the quiet zone the screen draws around them."""
    code = segno.make(url, error="m", micro=False)
    size = len(code.matrix) + 2 * QUIET
    rows = [[0] * size for _ in range(QUIET)]
    rows += [[0] * QUIET + [int(bool(m)) for m in row] + [0] * QUIET for row in code.matrix]
    rows += [[0] * size for _ in range(QUIET)]
    return rows


@pytest.mark.parametrize("url", [URL, "https://example.org/" + "a" * 120, "http://x.nl/é"])
def test_the_cells_are_the_code(url: str) -> None:
    drawn = modules(qr_lines(url))
    want = expected(url)
    assert drawn[: len(want)] == want
    assert all(not any(row) for row in drawn[len(want) :])  # an odd row count: light below


def on_screen(app) -> tuple[list[str], set[tuple]]:
    """The QR code's cells as the compositor draws them, and their (ink, paper) colours."""
    region = app.query_one("#qr").region
    lines, colours = [], set()
    strips = app.screen._compositor.render_strips()
    for y in range(region.y, region.bottom):
        cells, x = "", 0
        for segment in strips[y]:
            for char in segment.text:
                if region.x <= x < region.right:
                    cells += char
                    style = segment.style
                    colours.add((style.color.get_truecolor(), style.bgcolor.get_truecolor()))
                x += 1
        lines.append(cells)
    return lines, colours


@pytest.mark.parametrize(
    ("when", "size", "theme"),
    [("18:30", (80, 24), "dark"), ("18:30", (80, 24), "light"), ("16:08", (160, 45), "contrast")],
)
async def test_a_phone_reads_the_event_page_off_the_screen(kiosk, tables_file, when, size, theme):
    app = kiosk(at=when, path=tables_file, theme=theme)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.query_one("#qr").display and app.query_one("#qr").region.height == len(
            qr_lines(URL)
        )
        lines, colours = on_screen(app)
        assert modules(lines)[: len(expected(URL))] == expected(URL)
        # dark on light in every theme: black ink, white paper
        assert {ink for ink, _ in colours} == {(0, 0, 0)}
        assert {paper for _, paper in colours} == {(255, 255, 255)}


@pytest.mark.parametrize(("when", "size"), [("16:08", (80, 24)), ("16:08", (119, 40))])
async def test_no_code_where_it_would_crowd_the_screen(kiosk, tables_file, when, size):
    app = kiosk(at=when, path=tables_file)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert not app.query_one("#qr").display


async def test_no_code_without_a_url(kiosk):
    app = kiosk(at="18:30")  # programme.yaml publishes no page address
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert not app.query("#qr")  # not even made


async def test_a_save_that_adds_the_url_shows_the_code(kiosk, programme_file):
    from conftest import scan_files

    app = kiosk(at="18:30")
    async with app.run_test(size=(80, 24)) as pilot:
        text = programme_file.read_text().replace("  notes:", f"  url: {URL}\n  notes:", 1)
        programme_file.write_text(text)
        await scan_files(app, pilot)
        await pilot.pause()
        assert app.query_one("#qr").display
        lines, _ = on_screen(app)
        assert modules(lines)[: len(expected(URL))] == expected(URL)


def test_a_url_too_long_for_a_code_is_refused_with_its_line() -> None:
    from kiosk.core.problems import ProgrammeError
    from kiosk.files.loader import loads

    text = TABLES.read_text().replace(URL, URL + "x" * 2400)
    with pytest.raises(ProgrammeError, match=r"url is 2423 characters: give one of at most 300"):
        loads(text, "tables.yaml")


def test_more_than_a_code_holds_is_an_error_the_widget_catches() -> None:
    with pytest.raises(ValueError):  # QrCode.show catches ValueError and shows no code
        qr_lines("https://example.org/" + "x" * 5000)
