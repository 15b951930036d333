"""What goes wrong in a file, said as FILE:LINE: message, never as a traceback."""

from __future__ import annotations

from typing import NamedTuple


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
