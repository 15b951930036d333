"""The floor app after importing what the kiosk needs before its first frame, and nothing else.

Measured beside the floor so the table shows how much of the kiosk's start-up is its libraries
(Pendulum and its Dutch locale, PyYAML, json, argparse, the Textual widgets it uses) and how
much is its own work.
"""

from __future__ import annotations

import argparse  # noqa: F401
import json  # noqa: F401
import sys
from pathlib import Path

import pendulum
import yaml  # noqa: F401
from textual.containers import Horizontal, Vertical  # noqa: F401
from textual.widgets import ProgressBar, Static  # noqa: F401

sys.path.insert(0, str(Path(__file__).resolve().parent))

from floor import Floor

if __name__ == "__main__":
    # Pendulum loads a locale's data (through importlib.resources) the first time it formats a
    # date in it: the kiosk's first frame says the day in Dutch
    pendulum.locale("nl")
    Floor().run()
