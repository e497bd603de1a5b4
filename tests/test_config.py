"""iro.toml discovery and validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from iro_cli.config import Config, exports_dir, find_config, load_config
from iro_cli.errors import ConfigError


def test_defaults_without_a_file() -> None:
    config = load_config(None)
    assert config.nation == "england"
    assert config.section("lint") == {}
    assert config.file_name("children", "children.csv") == "children.csv"


def test_discovery_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert find_config(None, {}) is None
    (tmp_path / "iro.toml").write_text("")
    assert find_config(None, {}) == Path("iro.toml")
    other = tmp_path / "other.toml"
    other.write_text("")
    assert find_config(None, {"IRO_CONFIG": str(other)}) == other
    assert find_config(str(other), {"IRO_CONFIG": "nope.toml"}) == other
    with pytest.raises(ConfigError, match="given by IRO_CONFIG"):
        find_config(None, {"IRO_CONFIG": "nope.toml"})


def test_exports_dir_order(tmp_path: Path) -> None:
    (tmp_path / "iro.toml").write_text('exports = "data/exports"\n')
    config = load_config(tmp_path / "iro.toml")
    assert exports_dir("cli", config, {"IRO_EXPORTS": "env"}) == Path("cli")
    assert exports_dir(None, config, {"IRO_EXPORTS": "env"}) == Path("env")
    assert exports_dir(None, config, {}) == tmp_path / "data/exports"
    assert exports_dir(None, Config(), {}) == Path("exports")


def test_bad_toml_and_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "iro.toml"
    path.write_text("nation = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)
    path.write_text('nation = "scotland"\n')
    with pytest.raises(ConfigError, match="nation = 'scotland' is not known"):
        load_config(path)
    path.write_text('exprts = "x"\n')
    with pytest.raises(ConfigError, match="unknown key 'exprts'"):
        load_config(path)


def test_header_map_must_be_strings(tmp_path: Path) -> None:
    path = tmp_path / "iro.toml"
    path.write_text('[headers.children]\n"Child ID" = 3\n')
    with pytest.raises(ConfigError, match=r"\[headers.children\]"):
        load_config(path).header_map("children")
