"""The Textual shell: the app, its widgets and overlays, themes, keys and the stylesheet."""
