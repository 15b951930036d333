"""A schedule's text (titles, names, abstracts) as plain words: markup dropped, entities
decoded, white space one space."""

from __future__ import annotations

from html.parser import HTMLParser


class _PlainText(HTMLParser):
    """Markup's text: entities decoded, tags dropped; what only looks like a tag ("Vec<T>")
    is text."""

    # the tags of a schedule's text (pretalx and frab allow some markup); others are text
    TAGS = frozenset(
        "a abbr b big blockquote br cite code del div em font h1 h2 h3 h4 h5 h6 hr i img ins"  # noqa: SIM905
        " kbd li mark ol p pre q s small span strike strong sub sup table td th tr tt u ul".split()
    )
    BREAKS = frozenset("br p div li tr h1 h2 h3 h4 h5 h6 blockquote pre ul ol hr".split())  # noqa: SIM905

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self._tag(tag, f"</{tag}>")

    def _tag(self, tag: str, raw: str) -> None:
        if tag not in self.TAGS:
            self.parts.append(raw)
        elif tag in self.BREAKS:
            self.parts.append(" ")


def plain(text: str) -> str:
    """A schedule's text as plain words on one line: HTML entities decoded ("Don&#x27;t" is
    "Don't"), markup dropped, runs of white space one space."""
    if "<" in text or "&" in text:
        parser = _PlainText()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    return " ".join(text.split())
