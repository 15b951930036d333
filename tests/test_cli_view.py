"""`--view stage` on the command line: the speaker's screen, for `kiosk run` and `kiosk serve`."""

from __future__ import annotations

import pytest

from kiosk import cli


@pytest.mark.parametrize("command", ["run", "serve"])
def test_view_stage_reaches_the_settings(programme_file, command):
    args = cli._parser().parse_args([command, str(programme_file), "--view", "stage"])
    settings, _ = cli._settings(args, follow=True)
    assert settings.view == "stage"


def test_the_hall_is_the_default_view(programme_file):
    args = cli._parser().parse_args(["run", str(programme_file)])
    assert cli._settings(args, follow=False)[0].view == "hall"


def test_an_unknown_view_is_refused_in_one_line(programme_file, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["run", str(programme_file), "--view", "podium"])
    assert exit_.value.code == 2
    assert "invalid choice: 'podium'" in capsys.readouterr().err
