"""The kiosk's themes, registered with Textual's theme system: dark, light, high contrast."""

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
    ),
    "light": Theme(  # daylight projectors wash out pale colours: strong text on white
        name="light",
        primary="#0B5CAD",
        secondary="#2E7D32",
        accent="#B35C00",
        warning="#B35C00",
        error="#B3261E",
        success="#2E7D32",
        foreground="#101418",
        background="#FFFFFF",
        surface="#F1F4F7",
        panel="#DCE4EC",
        dark=False,
    ),
    "contrast": Theme(  # pure black and white, yellow for what is on now
        name="contrast",
        primary="#FFFF00",
        secondary="#00FFFF",
        accent="#FFFF00",
        warning="#FFFF00",
        error="#FF4040",
        success="#00FF00",
        foreground="#FFFFFF",
        background="#000000",
        surface="#000000",
        panel="#000000",
        dark=True,
    ),
}
