"""Text that others wrote, made safe to show: the one place programme and state text passes
on its way to a screen (the terminal, a browser tab, `kiosk check` and `kiosk now`).

Shown as written, but never as terminal codes: escape sequences go whole (their parameters
would otherwise show as text, or still act), other control characters, C1 codes and bidi
overrides go, and a line break or tab is one space, so a title stays on its own line.
"""

from __future__ import annotations

import re
from functools import cache

# ESC followed by: CSI (ESC [ ... final), OSC, DCS, SOS, PM, APC (... up to BEL or ST), or a
# two-byte sequence; and the same introducers as single C1 bytes (0x9b CSI, 0x9d OSC, ...).
# A string sequence that is never ended loses only its introducer: the text after it stays.
_SEQUENCE = (
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -~]?"
)
_BREAK = r"[ \t]*(?:\r\n|[\n\r\t\v\f\u0085\u2028\u2029])[ \t]*"
# what is left of C0, DEL and C1, and the marks that reorder or hide text (bidi overrides)
_INVISIBLE = r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Compiled when first needed: most text never needs them (and start-up is quicker)."""
    return re.compile(_SEQUENCE), re.compile(_BREAK), re.compile(_INVISIBLE)


def displayable(text: str) -> str:
    """`text` as it may appear on a screen, on one line."""
    if text.isprintable():  # the common case: nothing to do
        return text
    sequence, line_break, invisible = _patterns()
    text = sequence.sub("", text)
    text = line_break.sub(" ", text)
    return invisible.sub("", text).strip(" ")  # what a removed code leaves at either end
