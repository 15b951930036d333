"""The core is pure Python: importing it, and running `kiosk check`/`now`, loads no Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# every module of the core and the files layer, found on disk, so a new one is watched too
# (import-linter holds the static imports; this holds what a module imports as it runs)
CORE = tuple(
    f"kiosk.{layer}.{path.stem}"
    for layer in ("core", "files")
    for path in sorted((ROOT / "kiosk" / layer).glob("*.py"))
    if path.stem != "__init__"
)


def test_every_module_of_the_core_is_watched():
    assert {"kiosk.core.timeline", "kiosk.core.actions", "kiosk.files.loader"} <= set(CORE)


def test_the_core_imports_without_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
    )
    assert_pure(code, ROOT)


def test_check_and_now_run_without_textual(tmp_path):
    programme = ROOT / "programme.yaml"
    code = (
        "import sys, contextlib, io\n"
        "from kiosk.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['check', {str(programme)!r}]) == 0\n"
        f"    assert main(['now', {str(programme)!r}, '--at', '14:10', '--json',\n"
        f"                 '--state', {str(tmp_path / 's.json')!r}]) == 0\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    assert_pure(code, tmp_path)


def assert_pure(code: str, cwd: Path) -> None:
    """Run `code` in a fresh interpreter, where nothing has imported Textual yet."""
    result = subprocess.run(
        [sys.executable, "-c", code + "print('pure')\n"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "pure"
