"""config get|set|list: known keys, typed values, clear errors, a private file."""

from __future__ import annotations

import stat


def test_list_get_set(cli, isolated):
    listing = cli("config", "list", "--json", ok=True).json()
    assert listing["week_start"] == "monday" and listing["rest_days_per_week"] == 0
    assert listing["til.nav"] is True and listing["til.nav_order"] == 5
    assert cli("config", "set", "week_start", "Sunday", ok=True).stdout == "week_start = sunday\n"
    assert cli("config", "get", "week_start", ok=True).stdout == "sunday\n"
    assert cli("config", "set", "til.nav", "no", ok=True).stdout == "til.nav = false\n"
    assert cli("config", "set", "rest_days_per_week", "2", ok=True).stdout == "rest_days_per_week = 2\n"
    text = (isolated / "config.toml").read_text()
    assert 'week_start = "sunday"' in text and "[til]" in text and "nav = false" in text
    assert stat.S_IMODE((isolated / "config.toml").stat().st_mode) == 0o600
    assert "til.nav = false" in cli("config", "list", ok=True).stdout


def test_bad_keys_and_values(cli):
    for args, message in [
        (("config", "set", "colour", "red"), "unknown config key 'colour'; known keys: week_start"),
        (("config", "get", "colour"), "unknown config key 'colour'"),
        (("config", "set", "week_start", "someday"), "week_start must be one of monday, tuesday"),
        (("config", "set", "rest_days_per_week", "7"), "rest_days_per_week must be at most 6"),
        (("config", "set", "rest_days_per_week", "two"), "rest_days_per_week takes a whole number"),
        (("config", "set", "til.nav", "maybe"), "til.nav takes true or false"),
    ]:
        out = cli(*args, ok=False)
        assert out.exit_code == 2 and message in out.stderr and out.stderr.count("\n") == 1, out.stderr


def test_a_broken_config_file_is_one_line(cli, isolated):
    isolated.mkdir(parents=True)
    (isolated / "config.toml").write_text("week_start = [\n")
    out = cli("week", ok=False)
    assert out.exit_code == 1 and "config.toml: not valid TOML" in out.stderr and out.stderr.count("\n") == 1
    (isolated / "config.toml").write_text('colour = "red"\n')
    assert "config.toml: unknown key 'colour'" in cli("config", "list", ok=False).stderr
    (isolated / "config.toml").write_text('week_start = "funday"\n')
    assert "week_start must be one of" in cli("week", ok=False).stderr


def test_week_start_changes_the_week(cli):
    cli("done", "saturday", "-H", "1", "--date", "2024-04-13", ok=True)
    assert cli("week", "--json", ok=True).json()["start"] == "2024-04-15"
    cli("config", "set", "week_start", "saturday", ok=True)
    week = cli("week", "--json", ok=True).json()
    assert (week["start"], week["total_hours"]) == ("2024-04-13", 1.0)


def test_unset_puts_one_key_back_to_its_default(cli, isolated):
    assert cli("config", "unset", "week_start", ok=True).stdout == "week_start = monday (the default)\n"
    assert not (isolated / "config.toml").exists()  # nothing to take out: no file is made
    cli("config", "set", "week_start", "sunday", ok=True)
    cli("config", "set", "streak.min_minutes", "20", ok=True)
    assert "[streak]\nmin_minutes = 20" in (isolated / "config.toml").read_text()
    cli("config", "unset", "streak.min_minutes", ok=True)
    assert cli("config", "list", "--json", ok=True).json()["streak.min_minutes"] == 0
    assert cli("config", "get", "week_start", ok=True).stdout == "sunday\n"  # the others stay
    assert "streak" not in (isolated / "config.toml").read_text()
    out = cli("config", "unset", "colour", ok=False)
    assert out.exit_code == 2 and "unknown config key 'colour'" in out.stderr and out.stderr.count("\n") == 1
