"""programme.schema.json (for editors) and the loader (for the kiosk) agree on the examples.

Every tests/examples/good-*.yaml passes both; every bad-*.yaml fails both. A bad file names the
loader's message in its second line ("loader: ..."), so it cannot fail for another reason.
The schema's field lists are compared with the loader's, so the two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from kiosk.core.model import Programme
from kiosk.core.problems import ProgrammeError
from kiosk.files import loader

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "programme.schema.json"
EXAMPLES = Path(__file__).resolve().parent / "examples"
GOOD = sorted(EXAMPLES.glob("good-*.yaml"))
BAD = sorted(EXAMPLES.glob("bad-*.yaml"))
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


class EditorLoader(yaml.SafeLoader):
    """safe_load as an editor's parser reads the file: 14:00 -> 840, 13.30 -> 13.3, dates as
    dates; a date that is no date (2022-02-30) stays text instead of crashing."""


def _timestamp(loader_: EditorLoader, node: yaml.ScalarNode):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader_, node)
    except ValueError:
        return loader_.construct_scalar(node)


EditorLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def as_json(value):
    """What the language server validates: JSON has no dates, so they become ISO text."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):  # datetime is a date too
        return value.isoformat()
    return value


def schema_errors(path: Path) -> list[str]:
    data = as_json(yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader))
    validator = Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
        for e in validator.iter_errors(data)
    ]


def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize(
    ("where", "fields"),
    [
        ((), loader.TOP_FIELDS),
        (("$defs", "event"), loader.EVENT_FIELDS),
        (("$defs", "venueMapping"), loader.VENUE_FIELDS),
        (("$defs", "item"), loader.ITEM_FIELDS),
        (("$defs", "session"), loader.SESSION_FIELDS),
        (("$defs", "day"), loader.DAY_FIELDS),
    ],
    ids=["top", "event", "venue", "item", "session", "day"],
)
def test_schema_fields_are_the_loaders_fields(where, fields):
    node = schema()
    for key in where:
        node = node[key]
    assert node["additionalProperties"] is False
    assert sorted(node["properties"]) == sorted(fields)


def test_schema_languages_are_the_loaders():
    allowed = schema()["$defs"]["event"]["properties"]["language"]["enum"]
    assert [x for x in allowed if x is not None] == list(loader.LANGUAGES)


def test_every_field_has_a_description():
    s = schema()
    defs = s["$defs"]
    for where in (s, *(defs[k] for k in ("event", "venueMapping", "item", "session", "day"))):
        for name, field in where["properties"].items():
            assert field.get("description"), f"field '{name}' has no description"


def test_examples_exist():
    assert len(GOOD) >= 6 and len(BAD) >= 10


@pytest.mark.parametrize(
    "path",
    [*GOOD, ROOT / "programme.yaml", *sorted((ROOT / "examples").glob("*.yaml"))],
    ids=lambda p: p.name,
)
def test_good_programme_passes_schema_and_loader(path):
    assert schema_errors(path) == []
    assert isinstance(loader.load(path), Programme)


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_bad_programme_fails_schema_and_loader(path):
    expected = re.search(r"loader: (.+)$", path.read_text(encoding="utf-8").splitlines()[1])
    assert expected, f"{path.name}: the second line must say 'loader: <message>'"
    assert schema_errors(path), f"{path.name}: the schema accepts it"
    with pytest.raises(ProgrammeError) as refused:
        loader.load(path)
    assert expected[1] in str(refused.value)


@pytest.mark.parametrize("path", [*GOOD, *BAD, ROOT / "programme.yaml"], ids=lambda p: p.name)
def test_examples_name_the_schema(path):
    """The first line tells yaml-language-server where the schema is, relative to the file."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    m = SCHEMA_LINE.match(first)
    assert m, f"{path.name}: first line is not the schema line"
    assert (path.parent / m[1]).resolve() == SCHEMA_PATH


def test_examples_mean_what_they_say():
    """The good examples show what their names promise."""
    ends = loader.load(EXAMPLES / "good-ends-at-last-end.yaml")
    assert ends.close is not None and ends.close == ends.items[-1].end
    assert ends.items[-1].kind != "end"
    midnight = loader.load(EXAMPLES / "good-to-midnight.yaml")
    assert midnight.close is None and midnight.items[-1].end is None
    unquoted = loader.load(EXAMPLES / "good-unquoted-times.yaml")
    assert [i.start.strftime("%H:%M") for i in unquoted.items][:3] == ["09:30", "10:15", "14:00"]
    durations = loader.load(EXAMPLES / "good-durations.yaml")
    rounds = [i for i in durations.items if i.title.startswith("Workshopronde")]
    assert all((i.end - i.start).total_seconds() == 90 * 60 for i in rounds)
    assert loader.load(EXAMPLES / "good-english.yaml").event.language == "en"
