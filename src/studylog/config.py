"""The config file (``config.toml`` in the data folder): known keys with types and defaults.

Reading uses the standard library's tomllib; writing emits the small TOML subset this file uses
(flat ``key = value`` lines and ``[table]`` sections), so that no TOML writer is needed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from studylog.errors import StudylogError, UsageError
from studylog.namedtuple import NamedTuple
from studylog.store.records import CARRY_OVER_DAYS
from studylog.store.sqlite import KEEP_BACKUPS

if TYPE_CHECKING:
    from pathlib import Path

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Key(NamedTuple):
    name: str
    default: Any
    help: str
    choices: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    unit: str = ""  # what a whole number counts ("minutes"), for the error a bad value gets

    def parse(self, text: str) -> Any:
        """The value ``text`` gives for this key; UsageError if it is not one."""
        if isinstance(self.default, bool):
            lowered = text.strip().lower()
            if lowered in ("true", "yes", "on", "1"):
                return True
            if lowered in ("false", "no", "off", "0"):
                return False
            raise UsageError(f"{self.name} takes true or false, not {text!r}")
        if isinstance(self.default, int):
            try:
                value = int(text.strip())
            except ValueError:
                unit = f" of {self.unit}" if self.unit else ""
                raise UsageError(f"{self.name} takes a whole number{unit}, not {text!r}") from None
            self.check(value)
            return value
        word = text.strip()
        self.check(word)
        return word.lower() if self.choices else word

    def check(self, value: Any) -> None:
        if isinstance(self.default, bool) != isinstance(value, bool) or not isinstance(value, type(self.default)):
            raise UsageError(f"{self.name} must be a {type(self.default).__name__}, not {value!r}")
        if self.choices and value.lower() not in self.choices:
            raise UsageError(f"{self.name} must be one of {', '.join(self.choices)}, not {value!r}")
        if self.minimum is not None and value < self.minimum:
            raise UsageError(f"{self.name} must be at least {self.minimum}, not {value}")
        if self.maximum is not None and value > self.maximum:
            raise UsageError(f"{self.name} must be at most {self.maximum}, not {value}")


KEYS: dict[str, Key] = {
    k.name: k
    for k in [
        Key("week_start", "monday", "the first day of a week in reports", choices=WEEKDAYS),
        Key(
            "hours_format",
            "decimal",
            "how hours are shown: decimal (2.5h) or hm (2h30m); exports keep their own format",
            choices=("decimal", "hm"),
        ),
        Key(
            "target.week",
            "",
            "hours a week to aim for (15h, 12.5); empty for none. target.week.ID sets one for a curriculum",
        ),
        Key("rest_days_per_week", 0, "planned rest days a week that do not break a streak", minimum=0, maximum=6),
        Key(
            "streak.min_minutes",
            0,
            "minutes of study a day needs to count for the streak (its done hours, to the minute); "
            "0: any done item counts",
            minimum=0,
            maximum=24 * 60,
            unit="minutes",
        ),
        Key(
            "carry_over_days",
            CARRY_OVER_DAYS,
            "days an unmet goal is carried over to later days before it lapses",
            minimum=0,
            maximum=3650,
        ),
        Key(
            "backups.keep",
            KEEP_BACKUPS,
            "copies kept in backups/ (backups, and the copies made before a restore): after each new one the "
            "oldest go; 0 keeps them all (a backup written elsewhere with 'backup FILE' is never touched)",
            minimum=0,
            maximum=100_000,
        ),
        # The TIL page's Jekyll front matter (in this order) and how hours are written on it.
        Key("til.layout", "page", "TIL front matter: layout"),
        Key("til.permalink", "/TIL/", "TIL front matter: permalink"),
        Key("til.title", "TIL", "TIL front matter: title"),
        Key("til.description", "Today I learnt.", "TIL front matter: description"),
        Key("til.nav", True, "TIL front matter: nav"),
        Key("til.nav_order", 5, "TIL front matter: nav_order"),
        Key(
            "til.hours_template",
            "Around {duration}: {text}",
            "how a done item with hours is written on the TIL page when its text does not say the hours: "
            '{duration} is "1.5 hours", "1 hour" or "40 minutes", {hours} the bare number, {text} the text',
        ),
    ]
}


# ``target.week.ID`` (a curriculum's weekly target) is one key per curriculum, stored in the file
# as ``[target.curricula]`` ``ID = "6h"`` (TOML cannot make ``target.week`` a value and a table).
_CURRICULUM_TARGET = re.compile(r"target\.week\.([a-z0-9][a-z0-9_\-]{0,31})")
_STORED_TARGET = "target.curricula."


def key_for(name: str) -> Key | None:
    """The key ``name`` names (a curriculum's weekly target too), or None."""
    if name in KEYS:
        return KEYS[name]
    m = _CURRICULUM_TARGET.fullmatch(name)
    if m:
        return Key(name, "", f"hours a week to aim for on {m.group(1)}; empty for none")
    return None


def check_target(key: Key, value: Any) -> None:
    """A weekly target is empty or hours: more than 0, at most 168."""
    if key.name.startswith("target.week") and value != "":
        from studylog.hours import parse_hours

        try:
            parse_hours(str(value), 7)
        except UsageError:
            raise UsageError(
                f"{key.name} takes hours a week, such as 15h or 12.5 (at most 168), not {value!r}"
            ) from None


def weekly_targets(values: dict[str, Any]) -> dict[str | None, float]:
    """The weekly targets set: None for all study, else a curriculum id, each in hours."""
    from studylog.hours import parse_hours

    out: dict[str | None, float] = {}
    for name, value in values.items():
        if value == "" or not name.startswith("target.week"):
            continue
        out[None if name == "target.week" else name.removeprefix("target.week.")] = parse_hours(str(value), 7)
    return out


def config_path(home: Path) -> Path:
    from studylog.paths import CONFIG_FILE

    return home / CONFIG_FILE


def defaults() -> dict[str, Any]:
    """Every known key's default value."""
    return {name: key.default for name, key in KEYS.items()}


def load(path: Path) -> dict[str, Any]:
    """Every known key's value: the file's, else the default. Unknown keys and bad values in the
    file are errors naming the file."""
    values = defaults()
    if not path.exists():
        return values
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise StudylogError(f"{path}: not valid TOML ({exc})", "fix it, or remove it to use the defaults") from None
    for name, value in _flatten(data).items():
        if name.startswith(_STORED_TARGET):
            name = "target.week." + name.removeprefix(_STORED_TARGET)
        key = key_for(name)
        if key is None:
            raise StudylogError(f"{path}: unknown key {name!r}", f"known keys: {', '.join(KEYS)}")
        try:
            key.check(value)
            check_target(key, value)
        except UsageError as exc:
            raise StudylogError(f"{path}: {exc.message}") from None
        values[name] = value.lower() if key.choices else value
    return values


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in data.items():
        if isinstance(v, dict):
            out.update(_flatten(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


def set_value(path: Path, name: str, text: str) -> Any:
    key = key_for(name)
    if key is None:
        raise UsageError(f"unknown config key {name!r}", f"known keys: {', '.join(KEYS)}")
    value = key.parse(text)
    check_target(key, value)
    current = load(path)
    stored = {k: v for k, v in current.items() if v != _default(k) or k == name}
    stored[name] = value
    from studylog.atomic import write_atomic

    write_atomic(path, dump(stored))
    return value


def unset_value(path: Path, name: str) -> Any:
    """Take ``name`` out of the file, so that it has its default again; that default."""
    key = key_for(name)
    if key is None:
        raise UsageError(f"unknown config key {name!r}", f"known keys: {', '.join(KEYS)}")
    if not path.exists():
        return key.default
    current = load(path)
    stored = {k: v for k, v in current.items() if v != _default(k) and k != name}
    from studylog.atomic import write_atomic

    write_atomic(path, dump(stored))
    return key.default


def _default(name: str) -> Any:
    key = key_for(name)
    return key.default if key else None


def dump(values: dict[str, Any]) -> str:
    values = {
        (_STORED_TARGET + k.removeprefix("target.week.") if _CURRICULUM_TARGET.fullmatch(k) else k): v
        for k, v in values.items()
        if not (_CURRICULUM_TARGET.fullmatch(k) and v == "")
    }
    flat = {k: v for k, v in values.items() if "." not in k}
    tables: dict[str, dict[str, Any]] = {}
    for k, v in values.items():
        if "." in k:
            table, _, sub = k.rpartition(".")
            tables.setdefault(table, {})[sub] = v
    lines = [f"{k} = {_toml(v)}" for k, v in flat.items()]
    for table, entries in tables.items():
        lines += ["", f"[{table}]", *(f"{k} = {_toml(v)}" for k, v in entries.items())]
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    import json

    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid TOML basic string
