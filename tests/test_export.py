"""``pmladder export``: TOML and JSON round trips, the Markdown document, safe writing."""

from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, ROOT, TINY, Invoke, examples
from pmladder.catalog import CatalogSource, load
from pmladder.errors import ExitCode
from pmladder.inert import markdown as md
from pmladder.views.toml_writer import dumps_toml, toml_string

EXAMPLE = ROOT / "examples" / "startup-product-team.toml"


def export(invoke: Invoke, tmp_path: Path, fmt: str, source: Path | None = None) -> Path:
    target = tmp_path / f"exported.{fmt}"
    args = ("--catalog", str(source)) if source else ()
    result = invoke(*args, "export", "--format", fmt, "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {target} ({fmt} export of ")
    return target


def without_source_line(text: str) -> str:
    first, _, rest = text.partition("\n")
    assert first.startswith("catalogue: "), first
    return rest


def commands_for(path: Path) -> list[tuple[str, ...]]:
    ladder = load(CatalogSource(path, "option"))
    ids = list(ladder.roles)
    out: list[tuple[str, ...]] = [("list",), ("list", "--json")]
    out += [("show", role) for role in ids] + [("show", ids[0], "--json")]
    out += [("path", ids[0], ids[-1]), ("path", ids[0], ids[-1], "--json")]
    out += [("path", ids[-1], ids[0])]
    return out


# --------------------------------------------------------------------------
# Round trips


@pytest.mark.parametrize("fmt", ["toml", "json"])
@pytest.mark.parametrize("source", [None, TINY, EXAMPLE], ids=["bundled", "tiny", "example"])
def test_round_trip_gives_the_same_output(
    invoke: Invoke, tmp_path: Path, fmt: str, source: Path | None
) -> None:
    exported = export(invoke, tmp_path, fmt, source)
    original_args = ("--catalog", str(source)) if source else ()
    wide = {"COLUMNS": "400"}  # so the line naming the (long) file path stays one line
    for args in commands_for(source or BUNDLED):
        before = invoke(*original_args, *args, env=wide)
        after = invoke("--catalog", str(exported), *args, env=wide)
        assert after.exit_code == before.exit_code, (args, after.output)
        if before.exit_code != 0:
            assert after.stderr == before.stderr
        elif "--json" in args:
            old, new = json.loads(before.stdout), json.loads(after.stdout)
            assert new["catalog"]["file"] == str(exported)
            old["catalog"]["file"] = new["catalog"]["file"]
            assert new == old, args
        else:
            shown = before.stdout if source is None else without_source_line(before.stdout)
            assert without_source_line(after.stdout) == shown, args


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_round_trip_keeps_every_value(invoke: Invoke, tmp_path: Path, fmt: str) -> None:
    exported = export(invoke, tmp_path, fmt)
    original = load(CatalogSource(None)).whole_catalog()
    again = load(CatalogSource(exported, "option")).whole_catalog()
    assert again == original


def test_export_of_an_export_is_identical(invoke: Invoke, tmp_path: Path) -> None:
    first = export(invoke, tmp_path, "toml")
    second_dir = tmp_path / "again"
    second_dir.mkdir()
    second = export(invoke, second_dir, "toml", first)
    # Only the header comment differs: it names the file the export came from.
    assert second.read_text(encoding="utf-8").split("\n", 4)[4] == (
        first.read_text(encoding="utf-8").split("\n", 4)[4]
    )


def test_exported_toml_reads_like_the_bundled_file(invoke: Invoke, tmp_path: Path) -> None:
    text = invoke("export").stdout
    assert text.startswith("# Product management career ladder\n# Exported by pmladder ")
    assert "\n[scale]\n" in text
    assert "\n[[roles]]\nid = \"apm\"\n" in text
    assert "\n[roles.competencies]\n" in text
    assert "\n[[roles.moves]]\nto = \"pm\"\nkind = \"promotion\"\n" in text
    assert "# --- Associate Product Manager ---" in text
    long_lines = [line for line in text.splitlines() if len(line) > 100 and '"""' not in line
                  and not line.startswith("    \"")]
    assert not long_lines


def test_a_new_users_edit_works(invoke: Invoke, tmp_path: Path) -> None:
    """Export, rename a role, add one with a move to it, and find a route through it."""
    path = export(invoke, tmp_path, "toml")
    text = path.read_text(encoding="utf-8")
    text = text.replace('title = "Senior Product Manager"', 'title = "Lead Product Manager"', 1)
    after_senior = text.index("[[roles]]", text.index('id = "senior-pm"'))
    comment = text.rindex("\n# ---", 0, after_senior)
    move = '\n[[roles.moves]]\nto = "principal-pm"\nkind = "promotion"\ntypical_years = 3\n'
    role = (
        '\n[[roles]]\nid = "principal-pm"\ntitle = "Principal Product Manager"\n'
        'track = "core"\nlevel = 4\nsummary = "The most senior individual contributor."\n'
        'responsibilities = ["Shape strategy across groups."]\n'
        "competencies = { strategy = \"expert\" }\n"
    )
    path.write_text(text[:comment] + move + text[comment:] + role, encoding="utf-8")
    assert invoke("validate", str(path)).exit_code == 0
    result = invoke("--catalog", str(path), "path", "apm", "principal-pm")
    assert result.exit_code == 0, result.output
    assert "Lead Product Manager to Principal Product Manager" in result.stdout
    assert "Associate Product Manager to Principal Product Manager (3 steps" in result.stdout


# --------------------------------------------------------------------------
# The TOML writer


@settings(max_examples=examples(300), deadline=None)
@given(st.text())
def test_any_string_round_trips(value: str) -> None:
    for indent in (0, 4, 80):
        written = f"k = {toml_string(value, indent)}\n"
        assert tomli.loads(written) == {"k": value}


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(["word", "a", "longer-word", "", "x\\", '"q"', "\t", "é"]),
                min_size=20, max_size=80))
def test_wrapped_prose_round_trips(words: list[str]) -> None:
    value = " ".join(words)
    written = toml_string(value)
    assert tomli.loads(f"k = {written}\n") == {"k": value}
    if value == value.strip():
        assert all(len(line) <= 92 for line in written.splitlines())


_scalars = st.one_of(
    st.text(max_size=30), st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False), st.booleans(),
)
_keys = st.text(min_size=1, max_size=10)
_documents = st.recursive(
    st.dictionaries(_keys, _scalars, max_size=4),
    lambda inner: st.dictionaries(
        _keys, st.one_of(_scalars, inner, st.lists(inner, min_size=1, max_size=3),
                         st.lists(_scalars, max_size=4)),
        max_size=4,
    ),
    max_leaves=20,
)


@settings(max_examples=examples(300), deadline=None)
@given(_documents)
def test_any_document_round_trips(document: dict[str, Any]) -> None:
    assert tomli.loads(dumps_toml(document, header=["a\nheader"])) == document


def test_toml_writer_refuses_what_toml_cannot_hold() -> None:
    with pytest.raises(TypeError, match="NoneType"):
        dumps_toml({"a": None})


# --------------------------------------------------------------------------
# Markdown


def test_markdown_is_a_career_framework_document(invoke: Invoke) -> None:
    result = invoke("export", "--format", "markdown")
    assert result.exit_code == 0, result.output
    text = result.stdout
    ladder = load(CatalogSource(None))
    assert text.startswith("# Product management career ladder\n")
    assert text.count("| Level | Role | Leads to |") == len(ladder.whole_catalog().tracks)
    for track in ladder.whole_catalog().tracks:
        assert f"\n### {md(track.name)}\n" in text
    for role in ladder.whole_catalog().roles:
        anchor = f'<a id="role-{role.id}"></a>\n\n### {md(role.title)}\n'
        assert anchor in text
        section = text[text.index(anchor) :].split("<a id=", 2)[1]
        assert "#### Responsibilities" in section
        for item in role.responsibilities:
            assert f"- {md(item)}" in section
        if role.competencies:
            assert "| Competency | Proficiency |" in section
        if role.moves:
            assert "#### Moves" in section
            for move in role.moves:
                assert f"(#role-{move.to}) (" in section
    assert "| Market and user research | Foundational (1 of 5) |" in text
    assert ("- To [Product Manager](#role-pm) (promotion, typically after 2 years "
            "*(estimate)*):") in text


def test_markdown_links_all_resolve(invoke: Invoke) -> None:
    import re

    text = invoke("--catalog", str(EXAMPLE), "export", "--format", "markdown").stdout
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
    links = set(re.findall(r"\]\(#([^)]+)\)", text))
    assert links
    assert links <= anchors


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("a | b", "a \\| b"),
        ("*bold* _it_ `code` [link](x)", "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x)"),
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("1. not a list", "\\1. not a list"),
        ("two\n\nparagraphs", "two paragraphs"),
        ("bell\x07 rtl\u202e", "bell\\x07 rtl\\u202e"),
    ],
)
def test_markdown_shows_catalogue_text_as_written(raw: str, shown: str) -> None:
    assert md(raw) == shown


def test_markdown_escapes_hostile_titles(invoke: Invoke, tmp_path: Path) -> None:
    text = TINY.read_text(encoding="utf-8").replace('title = "Maker"', 'title = "Ma|ker <b>"')
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    out = invoke("--catalog", str(path), "export", "--format", "markdown").stdout
    assert "[Ma\\|ker \\<b\\>](#role-maker)" in out
    assert "<b>" not in out


# --------------------------------------------------------------------------
# Writing files


def test_without_output_prints_to_stdout(invoke: Invoke) -> None:
    result = invoke("export", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["name"] == "Product management career ladder"
    assert result.stderr == ""


def test_existing_file_is_never_overwritten_without_force(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "ladder.toml"
    target.write_text("keep me\n", encoding="utf-8")
    result = invoke("export", "--output", str(target))
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines()[0] == (
        f"error: {target} already exists; pass --force to overwrite it, or choose another --output"
    )
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ladder.toml"]

    forced = invoke("export", "--output", str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8") == invoke("export").stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ladder.toml"], "no temporary file left"


def test_force_keeps_the_permissions_of_the_file(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "ladder.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    assert invoke("export", "-F", "markdown", "-o", str(target), "--force").exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_file_gets_ordinary_permissions(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "ladder.toml"
    assert invoke("export", "-o", str(target)).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def limit_file_size() -> None:
    """In the child: no file may grow past 1 KiB (writes past it fail with EFBIG)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))


def test_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "ladder.toml"
    target.write_text("old\n", encoding="utf-8")
    # Python ignores SIGXFSZ, so a write past the limit fails as a full disk does.
    done = subprocess.run(
        [sys.executable, "-m", "pmladder", "export", "-o", str(target), "--force"],
        capture_output=True, text=True, timeout=60, check=False, preexec_fn=limit_file_size,
        env={**os.environ, "COLUMNS": "200", "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == ExitCode.CANNOT_WRITE, done.stderr
    assert f"cannot write {target}: File too large" in done.stderr
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ladder.toml"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "no" / "such" / "folder.toml", "does not exist; create it first"),
        (lambda p: p, "is a folder; give a file name"),
    ],
    ids=["missing-folder", "folder"],
)
def test_bad_output_paths(invoke: Invoke, tmp_path: Path, make: Any, message: str) -> None:
    result = invoke("export", "--output", str(make(tmp_path)))
    assert result.exit_code == ExitCode.USAGE
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_unknown_format_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("export", "--format", "pdf")
    assert result.exit_code == ExitCode.USAGE
    assert "pdf" in result.stderr


def test_format_is_case_insensitive(invoke: Invoke) -> None:
    assert invoke("export", "--format", "JSON").stdout == invoke("export", "-F", "json").stdout


def test_export_help_has_examples(invoke: Invoke) -> None:
    result = invoke("export", "--help")
    assert result.exit_code == 0
    assert "Example: pmladder export --format toml --output pmladder.toml" in result.stdout


def test_markdown_counts_agree_in_number_and_use_the_scales_name(
    invoke: Invoke, tmp_path: Path
) -> None:
    one_track = TINY.read_text(encoding="utf-8").replace('track = "mgmt"', 'track = "ic"')
    source = tmp_path / "one.toml"
    source.write_text(one_track.replace('[[tracks]]\nid = "mgmt"\nname = "Management"\n', ""),
                      encoding="utf-8")
    result = invoke("--catalog", str(source), "export", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "5 roles on 1 track and 3 levels." in result.stdout
    assert "| Competency | Skill |" in result.stdout  # tiny's scale is called Skill
    assert "| Competency | Proficiency |" not in result.stdout


def test_markdown_tables_give_wide_columns_more_of_the_page(invoke: Invoke) -> None:
    out = invoke("export", "--format", "markdown").stdout
    assert "|---|---|" not in out
    lines = out.splitlines()
    head = lines.index("| Level | Role | Leads to |")
    widths = [len(cell) for cell in lines[head + 1].strip("|").split("|")]
    assert widths[2] > widths[1] > widths[0]


def test_a_level_named_with_its_number_is_said_once_in_pictures(
    invoke: Invoke, tmp_path: Path
) -> None:
    import re

    named = re.sub(r'(\[\[levels\]\]\s*rank = (\d+)\s*name = )"[^"]*"', r'\1"Level \2 / Grade 7"',
                   TINY.read_text(encoding="utf-8"))
    source = tmp_path / "grades.toml"
    source.write_text(named, encoding="utf-8")
    svg = invoke("--catalog", str(source), "export", "--format", "svg").stdout
    assert "Level 1 / Grade 7" in svg
    assert ">Level 1<" not in svg
    listing = invoke("--catalog", str(source), "list").stdout
    assert "1 Level 1" not in listing
    markdown = invoke("--catalog", str(source), "export", "--format", "markdown").stdout
    assert "level Level 1 / Grade 7 ·" in markdown
