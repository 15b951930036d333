"""The kiosk's look at its files, twice a second in a thread: a save is read without holding
the screen up."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from conftest import PROGRAMME, leercafe
from kiosk.core.settings import Settings
from kiosk.files import service
from kiosk.files.service import KioskFiles


def test_a_save_is_read_with_collection_held_and_collection_resumes_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a collection in the middle of reading 10,000 items kept the interpreter 50 to 90 ms
    # from the screen's keys
    programme = tmp_path / "programme.yaml"
    shutil.copy(PROGRAMME, programme)
    files = KioskFiles(Settings(programme_path=programme, state_path=tmp_path / "live.json"))
    collecting: list[bool] = []
    read = service.load

    def reading(path: Path):  # type: ignore[no-untyped-def]
        collecting.append(gc.isenabled())
        return read(path)

    monkeypatch.setattr(service, "load", reading)
    assert gc.isenabled()
    programme.write_text(programme.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    looks = [files.look(leercafe()) for _ in range(3)]  # seen, settled, read
    assert [look.programme is not None for look in looks] == [False, True, False]
    assert collecting == [False]
    assert gc.isenabled()
    programme.write_text("event: [", encoding="utf-8")  # a broken save: refused, as before
    looks = [files.look(leercafe()) for _ in range(3)]
    assert [look.refused is not None for look in looks] == [False, True, False]
    assert collecting == [False, False]
    assert gc.isenabled()
