"""What goes wrong in a file, said as FILE:LINE: message, never as a traceback."""

from __future__ import annotations

import re
from typing import NamedTuple

# one problem is one line of `kiosk check`: a newline in a quoted key or value must not split it
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def plain_message(message: str) -> str:
    """A problem's message on one line: control characters from the file written as escapes."""
    return _CONTROL.sub(lambda m: repr(m[0])[1:-1], message)


def did_you_mean(
    name: str, known: tuple[str, ...], cutoff: float = 0.5, otherwise: str = ""
) -> str:
    """A hint for a near miss of `name` among `known` ("; did you mean 'X'?"); without one,
    "; " and `otherwise` (nothing when that is empty)."""
    import difflib  # only for a typo: not on every start

    close = difflib.get_close_matches(name, known, n=1, cutoff=cutoff)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f"; {otherwise}" if otherwise else ""


class Problem(NamedTuple):  # sorted as (file, line, message)
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        if not self.line:  # about the whole file (missing, empty, binary): no line to name
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}: {self.message}"


class ProgrammeError(Exception):
    """A programme file was refused; `problems` holds every reason, in line order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def first(self) -> Problem:
        return self.problems[0]
