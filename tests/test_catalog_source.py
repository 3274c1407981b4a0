"""The active catalogue: --catalog, PMLADDER_CATALOG, a pmladder.toml found upwards, bundled."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, TINY, Invoke
from pmladder.catalog import CatalogSource, find_source
from pmladder.errors import ExitCode

EXAMPLE = ROOT / "examples" / "startup-product-team.toml"
WIDE = {"COLUMNS": "400"}  # the line naming a long temporary path stays one line


# --------------------------------------------------------------------------
# find_source


def test_option_wins_over_everything(tmp_path: Path) -> None:
    (tmp_path / "pmladder.toml").write_text("", encoding="utf-8")
    source = find_source("mine.toml", environ={"PMLADDER_CATALOG": "env.toml"}, cwd=tmp_path)
    assert source == CatalogSource(Path("mine.toml"), "option")


def test_environment_wins_over_discovery(tmp_path: Path) -> None:
    (tmp_path / "pmladder.toml").write_text("", encoding="utf-8")
    source = find_source(None, environ={"PMLADDER_CATALOG": "env.toml"}, cwd=tmp_path)
    assert source == CatalogSource(Path("env.toml"), "environment")


@pytest.mark.parametrize(
    ("option", "environ"), [("", {}), ("  ", {}), (None, {"PMLADDER_CATALOG": ""})]
)
def test_an_empty_choice_is_an_error_not_silently_ignored(
    tmp_path: Path, option: str | None, environ: dict[str, str]
) -> None:
    from pmladder.errors import UsageError

    (tmp_path / "pmladder.toml").write_text("broken", encoding="utf-8")
    with pytest.raises(UsageError, match="empty") as info:
        find_source(option, environ=environ, cwd=tmp_path)
    assert any(":bundled" in hint for hint in info.value.hints)


@pytest.mark.parametrize(
    ("option", "environ"), [(":bundled", {}), (None, {"PMLADDER_CATALOG": ":bundled"})]
)
def test_bundled_can_be_chosen_whatever_is_discovered(
    tmp_path: Path, option: str | None, environ: dict[str, str]
) -> None:
    (tmp_path / "pmladder.toml").write_text("broken", encoding="utf-8")
    assert find_source(option, environ=environ, cwd=tmp_path).is_bundled


def test_a_broken_discovered_file_has_a_way_out(invoke: Invoke) -> None:
    Path("pmladder.toml").write_text("[broken\n", encoding="utf-8")
    result = invoke("list")
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert "--catalog :bundled" in result.stderr
    for args in (("--catalog", ":bundled", "list"), ("--catalog", ":bundled", "export")):
        result = invoke(*args)
        assert result.exit_code == 0, result.output
    assert "Chief Product Officer" in invoke("export", env={"PMLADDER_CATALOG": ":bundled"}).stdout
    result = invoke("--catalog", "", "list")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith("error: --catalog is empty")


def test_discovery_refuses_a_symlink_and_never_shows_its_content(
    invoke: Invoke, tmp_path: Path
) -> None:
    secret = tmp_path / "credentials"
    secret.write_text("[default]\naws_secret_access_key = AKIAsecretSECRET/xyz\n",
                      encoding="utf-8")
    Path("pmladder.toml").symlink_to(secret)
    result = invoke("validate")
    assert result.exit_code == 0, result.output  # the bundled catalogue, with a warning
    assert "symbolic link" in result.stderr
    assert "AKIA" not in result.output
    # Named explicitly it is read, but a file that is no catalogue is never echoed.
    result = invoke("validate", "pmladder.toml")
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert "AKIA" not in result.output, result.output
    assert "TOML syntax error" in result.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_discovery_refuses_another_users_file(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    mine = tmp_path / "pmladder.toml"
    mine.write_text("", encoding="utf-8")
    os.chown(mine, 12345, 12345)
    source = find_source(None, environ={}, cwd=tmp_path)
    assert source.is_bundled
    assert source.skipped is not None
    assert "another user" in source.skipped


def test_discovery_does_not_climb_outside_a_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No .git and no home folder above: only the working folder is searched,
    # never a parent such as a shared /tmp.
    (tmp_path / "pmladder.toml").write_text("", encoding="utf-8")
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.setenv("HOME", "/nonexistent-home")
    assert find_source(None, environ={}, cwd=work).is_bundled
    assert find_source(None, environ={}, cwd=tmp_path).path == (tmp_path / "pmladder.toml")


def test_discovered_in_the_working_folder(tmp_path: Path) -> None:
    (tmp_path / "pmladder.toml").write_text("", encoding="utf-8")
    source = find_source(None, environ={}, cwd=tmp_path)
    assert source == CatalogSource((tmp_path / "pmladder.toml").resolve(), "discovered")


def test_discovered_in_a_parent_up_to_the_repository_root(tmp_path: Path) -> None:
    repo = tmp_path / "handbook"
    deep = repo / "teams" / "product"
    deep.mkdir(parents=True)
    (repo / ".git").mkdir()
    (repo / "pmladder.toml").write_text("", encoding="utf-8")
    source = find_source(None, environ={}, cwd=deep)
    assert source.path == (repo / "pmladder.toml").resolve()
    assert source.origin == "discovered"


def test_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "pmladder.toml").write_text("", encoding="utf-8")  # outside the repository
    repo = tmp_path / "project"
    (repo / ".git").mkdir(parents=True)
    (repo / "src").mkdir()
    assert find_source(None, environ={}, cwd=repo / "src").is_bundled


def test_search_stops_at_the_home_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pmladder.toml").write_text("", encoding="utf-8")  # above home
    home = tmp_path / "home" / "me"
    work = home / "notes"
    work.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    assert find_source(None, environ={}, cwd=work).is_bundled
    (home / "pmladder.toml").write_text("", encoding="utf-8")
    assert find_source(None, environ={}, cwd=work).path == (home / "pmladder.toml").resolve()


def test_a_folder_named_pmladder_toml_is_not_a_catalogue(tmp_path: Path) -> None:
    (tmp_path / "pmladder.toml").mkdir()
    (tmp_path / ".git").mkdir()
    assert find_source(None, environ={}, cwd=tmp_path).is_bundled


# --------------------------------------------------------------------------
# On the command line


def test_catalog_option(invoke: Invoke) -> None:
    result = invoke("--catalog", str(TINY), "list", env=WIDE)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"catalogue: Tiny test ladder from {TINY}"
    assert "Junior Maker" in result.stdout


def test_environment_variable(invoke: Invoke) -> None:
    result = invoke("show", "maker", env={"PMLADDER_CATALOG": str(TINY), **WIDE})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"catalogue: Tiny test ladder from {TINY}"


def test_option_wins_over_the_environment(invoke: Invoke) -> None:
    result = invoke("--catalog", str(EXAMPLE), "list", env={"PMLADDER_CATALOG": str(TINY), **WIDE})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        f"catalogue: Larkspur Labs product and design ladder from {EXAMPLE}"
    )


def test_discovered_pmladder_toml(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    here = Path.cwd()  # an empty folder holding .git (see conftest)
    shutil.copy(TINY, here / "pmladder.toml")
    sub = here / "docs" / "ladder"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    result = invoke("path", "junior", "lead", env=WIDE)
    assert result.exit_code == 0, result.output
    found = (here / "pmladder.toml").resolve()
    assert result.stdout.splitlines()[0] == f"catalogue: Tiny test ladder from {found}"
    doc = json.loads(invoke("list", "--json").stdout)
    assert doc["catalog"] == {"name": "Tiny test ladder", "file": str(found)}


def test_environment_beats_a_discovered_file(invoke: Invoke) -> None:
    shutil.copy(TINY, Path.cwd() / "pmladder.toml")
    doc = json.loads(invoke("list", "--json", env={"PMLADDER_CATALOG": str(EXAMPLE)}).stdout)
    assert doc["catalog"]["file"] == str(EXAMPLE)


@pytest.mark.parametrize(
    "args", [("list", "--json"), ("show", "maker", "--json"), ("path", "junior", "lead", "--json")]
)
def test_json_records_the_file(invoke: Invoke, args: tuple[str, ...]) -> None:
    doc = json.loads(invoke("--catalog", str(TINY), *args).stdout)
    assert doc["catalog"] == {"name": "Tiny test ladder", "file": str(TINY)}


@pytest.mark.parametrize(
    "args", [("list", "--json"), ("show", "apm", "--json"), ("path", "apm", "cpo", "--json")]
)
def test_json_of_the_bundled_catalogue_has_no_file(invoke: Invoke, args: tuple[str, ...]) -> None:
    doc = json.loads(invoke(*args).stdout)
    assert doc["catalog"] == {"name": "Product management career ladder", "file": None}


@pytest.mark.parametrize("args", [("list",), ("show", "apm"), ("path", "apm", "cpo")])
def test_bundled_output_names_no_file(invoke: Invoke, args: tuple[str, ...]) -> None:
    assert not invoke(*args).stdout.startswith("catalogue:")


@pytest.mark.parametrize("how", ["option", "environment", "discovered"])
def test_an_exported_copy_gives_the_bundled_output(
    invoke: Invoke, tmp_path: Path, how: str
) -> None:
    commands = (("list",), ("show", "senior-pm"), ("path", "apm", "cpo"))
    bundled = {args: invoke(*args, env=WIDE).stdout for args in commands}
    copy = tmp_path / "pmladder.toml"
    assert invoke("export", "--output", str(copy)).exit_code == 0
    before: tuple[str, ...] = ()
    env: dict[str, str | None] = dict(WIDE)
    if how == "option":
        before = ("--catalog", str(copy))
    elif how == "environment":
        env["PMLADDER_CATALOG"] = str(copy)
    else:
        shutil.copy(copy, Path.cwd() / "pmladder.toml")
        copy = (Path.cwd() / "pmladder.toml").resolve()
    for args in commands:
        mine = invoke(*before, *args, env=env)
        assert mine.exit_code == 0, mine.output
        first, _, rest = mine.stdout.partition("\n")
        assert first == f"catalogue: Product management career ladder from {copy}"
        assert rest == bundled[args]


# --------------------------------------------------------------------------
# Errors say where the file came from


def test_missing_file_from_the_option(invoke: Invoke) -> None:
    result = invoke("--catalog", "nope.toml", "list")
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert result.stderr.splitlines()[0] == (
        "error: nope.toml: no such file; check the path, or run "
        "'pmladder export --output pmladder.toml' to start from the bundled catalogue"
    )


def test_missing_file_from_the_environment_says_so(invoke: Invoke) -> None:
    result = invoke("list", env={"PMLADDER_CATALOG": "nope.toml"})
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert result.stderr.splitlines()[0].startswith("error: nope.toml: no such file")
    assert (
        "hint: the file is set by PMLADDER_CATALOG; unset it, or pass --catalog :bundled, "
        "to use the bundled catalogue"
        in result.stderr.splitlines()
    )


def test_invalid_discovered_file_says_where_it_was_found(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = Path.cwd()
    (here / "pmladder.toml").write_text("name = \n", encoding="utf-8")
    sub = here / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    result = invoke("list")
    assert result.exit_code == ExitCode.INVALID_CATALOG
    assert f"{(here / 'pmladder.toml').resolve()}:1:8: error: TOML syntax error" in result.stderr
    assert (
        "hint: pmladder found this pmladder.toml in a parent of the current folder; "
        "pass --catalog FILE to use another" in result.stderr
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--catalog", str(TINY), "list"],
        ["list", "--catalog", str(TINY)],
        ["list", f"--catalog={TINY}"],
        ["list", "--json", "--catalog", str(TINY)],
    ],
)
def test_catalog_goes_before_or_after_the_command(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert "junior" in result.stdout
    assert "senior-pm" not in result.stdout


def test_a_catalog_option_after_double_dash_is_an_argument(invoke: Invoke) -> None:
    result = invoke("search", "--", "--catalog")
    assert "invalid catalogue" not in result.stderr
    assert result.exit_code in (0, 1), result.output


def test_catalog_after_the_command_needs_a_value(invoke: Invoke) -> None:
    result = invoke("list", "--catalog")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == "error: --catalog needs a value, e.g. --catalog team.toml\n"


def test_validate_takes_bundled_as_its_file(invoke: Invoke) -> None:
    Path("pmladder.toml").write_text("[broken\n", encoding="utf-8")
    result = invoke("validate", ":bundled")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("bundled catalogue: valid catalogue")
