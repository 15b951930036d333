"""The kiosk's themes, registered with Textual's theme system: dark, light, high contrast.

Besides Textual's colours each theme names three of its own, solid so that their contrast
is what it says (Textual's muted text is the foreground at a fraction, which washes out):
`kiosk-muted` (labels, speakers, past items), `kiosk-now-row` and `kiosk-now-text` (the
list's row of what is on). Every text holds 4.5:1 against its background, 7:1 in contrast.
"""

from __future__ import annotations

from textual.theme import Theme

THEMES: dict[str, Theme] = {
    "dark": Theme(
        name="dark",
        primary="#4FA3E0",
        secondary="#8FBF6F",
        accent="#F2B84B",
        warning="#F2B84B",
        error="#E5534B",
        success="#6BBF59",
        foreground="#E8ECEF",
        background="#11161C",
        surface="#19212A",
        panel="#223040",
        dark=True,
        variables={
            "kiosk-muted": "#A9B4BF",
            "kiosk-now-row": "#1F4F75",
            "kiosk-now-text": "#FFFFFF",
            # a QR code reads dark on light in every theme: a phone's camera expects it
            "kiosk-qr-dark": "#000000",
            "kiosk-qr-light": "#FFFFFF",
        },
    ),
    "light": Theme(  # daylight projectors wash out pale colours: strong text on white
        name="light",
        primary="#0B5CAD",
        secondary="#2E7D32",
        accent="#8A4500",  # 5.6:1 on the header's panel, 7.4:1 on white
        warning="#8A4500",
        error="#B3261E",
        success="#2E7D32",
        foreground="#101418",
        background="#FFFFFF",
        surface="#F1F4F7",
        panel="#DCE4EC",
        dark=False,
        variables={
            "kiosk-muted": "#4A5560",
            "kiosk-now-row": "#CFE3F7",
            "kiosk-now-text": "#101418",
            "kiosk-qr-dark": "#000000",
            "kiosk-qr-light": "#FFFFFF",
        },
    ),
    "contrast": Theme(  # pure black and white, yellow for what is on now
        name="contrast",
        primary="#FFFF00",
        secondary="#00FFFF",
        accent="#FFFF00",
        warning="#FFFF00",
        error="#FF6B6B",
        success="#00FF00",
        foreground="#FFFFFF",
        background="#000000",
        surface="#000000",
        panel="#000000",
        dark=True,
        variables={
            "kiosk-muted": "#D0D0D0",
            "kiosk-now-row": "#FFFF00",
            "kiosk-now-text": "#000000",
            "kiosk-qr-dark": "#000000",
            "kiosk-qr-light": "#FFFFFF",
        },
    ),
}
