"""The display in browsers: kiosk serve."""
