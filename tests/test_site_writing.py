"""``pmladder site DIR``, writing safely: only into its own folders, never through a
link, removing only its own pages, and a build cut short or failed finishes on a rerun."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, TINY, Invoke, interruptible
from pmladder.catalog import CatalogSource, load
from pmladder.site import MARKER, MARKER_LIMIT, build, write
from site_folders import make_site

sys.path.insert(0, str(ROOT))

from benchmarks.generate import write_catalog


def test_refuses_a_folder_it_did_not_make(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    result = invoke("site", str(folder))
    assert result.exit_code == 2
    assert "not empty and was not made by pmladder site" in result.stderr
    assert "Traceback" not in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    forced = invoke("site", str(folder), "--force")
    assert forced.exit_code == 0, forced.output
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert (folder / "index.html").is_file()


def test_empty_folder_is_fine(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    make_site(invoke, folder)


def test_rebuild_removes_pages_of_roles_that_are_gone(invoke: Invoke, tmp_path: Path) -> None:
    folder = make_site(invoke, tmp_path / "out", "--catalog", str(TINY))
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    ladder = load(CatalogSource(TINY))
    gone = next(r for r in ladder.whole_catalog().roles if not ladder.incoming[r.id])
    assert (folder / "roles" / f"{gone.id}.html").is_file()
    text = TINY.read_text(encoding="utf-8")
    start = text.index(f'id = "{gone.id}"')
    block_start = text.rfind("[[roles]]", 0, start)
    block_end = text.find("[[roles]]", start)
    smaller = tmp_path / "smaller.toml"
    smaller.write_text(text[:block_start] + (text[block_end:] if block_end != -1 else ""),
                       encoding="utf-8")
    result = invoke("--catalog", str(smaller), "site", str(folder))
    assert result.exit_code == 0, result.output
    assert "removed" in result.stdout
    assert not (folder / "roles" / f"{gone.id}.html").exists()
    assert not (folder / "moves" / gone.id).exists()
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_tampered_marker_cannot_delete_outside(invoke: Invoke, tmp_path: Path) -> None:
    folder = make_site(invoke, tmp_path / "out", "--catalog", str(TINY))
    outside = tmp_path / "precious.txt"
    outside.write_text("x", encoding="utf-8")
    with (folder / MARKER).open("a", encoding="utf-8") as marker:
        marker.write(f"../precious.txt\n{outside}\n")
    assert invoke("--catalog", str(TINY), "site", str(folder)).exit_code == 0
    assert outside.exists()


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_link_inside_the_site_is_not_followed(invoke: Invoke, tmp_path: Path) -> None:
    folder = make_site(invoke, tmp_path / "out", "--catalog", str(TINY))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for page in (folder / "roles").iterdir():
        page.unlink()
    (folder / "roles").rmdir()
    (folder / "roles").symlink_to(elsewhere)
    result = invoke("--catalog", str(TINY), "site", str(folder))
    assert result.exit_code == 2
    assert "in the way" in result.stderr
    assert not any(elsewhere.iterdir())


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("x", encoding="utf-8"), "is not a folder"),
        (lambda p: None, "does not exist"),
    ],
    ids=["file", "no-parent"],
)
def test_bad_folders_are_usage_errors(
    invoke: Invoke, tmp_path: Path, make: object, message: str
) -> None:
    target = tmp_path / "target"
    if message == "does not exist":
        target = tmp_path / "missing" / "target"
    else:
        assert callable(make)
        make(target)
    result = invoke("site", str(target))
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_invalid_catalogue_exits_3(invoke: Invoke, tmp_path: Path) -> None:
    bad = ROOT / "tests" / "data" / "bad" / "many-mistakes.toml"
    result = invoke("--catalog", str(bad), "site", str(tmp_path / "out"))
    assert result.exit_code == 3
    assert not (tmp_path / "out").exists()


def test_folder_names_in_messages_are_inert(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("site", str(tmp_path / "no\x1b[31mpe" / "out"))
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "no\\x1b[31mpe" in result.stderr
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    linked = invoke("site", str(tmp_path / "link"))
    assert linked.exit_code == 2
    assert "symbolic link" in linked.stderr


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_planted_marker_never_removes_through_a_link_or_outside(
    invoke: Invoke, tmp_path: Path
) -> None:
    site = tmp_path / "s"
    site.mkdir()
    outside = tmp_path / "o"
    (outside / "roles").mkdir(parents=True)
    decoys = [outside / "f", outside / "roles" / "gone.html", tmp_path / "precious.txt"]
    for decoy in decoys:
        decoy.write_text("keep me", encoding="utf-8")
    (site / "link").symlink_to(outside)
    (site / "moves").mkdir()
    (site / "moves" / "gone").symlink_to(outside / "roles")
    (site / "roles").symlink_to(outside / "roles")
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    (site / MARKER).write_text(
        "# Written by 'pmladder site'; it rebuilds this folder. Files:\n"
        f"link/f\nroles/gone.html\nmoves/gone/gone.html\n../precious.txt\n"
        f"{tmp_path / 'precious.txt'}\n..\n.\nnotes.txt\nroles/../../precious.txt\n",
        encoding="utf-8",
    )
    (site / "roles").unlink()  # a link where the site writes is refused, tested above
    (site / "roles").mkdir()
    (site / "roles" / "gone.html").symlink_to(outside / "roles" / "gone.html")
    result = invoke("--catalog", str(TINY), "site", str(site))
    assert result.exit_code == 0, result.output
    assert "removed" not in result.stdout
    assert all(decoy.read_text(encoding="utf-8") == "keep me" for decoy in decoys)
    assert (site / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (site / "roles" / "gone.html").is_symlink()


def test_a_cut_short_build_can_be_run_again_and_is_cleaned(invoke: Invoke, tmp_path: Path) -> None:
    def cut_short(files: Iterator[tuple[str, str]]) -> Iterator[tuple[str, str]]:
        for count, item in enumerate(files, 1):
            if count == 8:
                raise KeyboardInterrupt
            yield item

    folder = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        write(cut_short(build(load(CatalogSource(None)))), folder)
    written = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
    assert len(written) == 5  # index and four role pages (the two assets are not .html)
    assert "Unfinished" in (folder / MARKER).read_text(encoding="utf-8")
    # Rerun with a catalogue without those roles: the pages of the cut-short run go.
    again = invoke("--catalog", str(TINY), "site", str(folder))
    assert again.exit_code == 0, again.output
    left = {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")}
    tiny = {name for name, _ in build(load(CatalogSource(TINY))) if name.endswith(".html")}
    assert left == tiny
    assert "Unfinished" not in (folder / MARKER).read_text(encoding="utf-8")


def test_ctrl_c_during_a_build_says_the_site_is_unfinished(tmp_path: Path) -> None:
    catalogue = tmp_path / "big.toml"
    write_catalog(catalogue, 60)  # some 260 pages
    folder = tmp_path / "out"
    env = {**os.environ, "COLUMNS": "200", "PMLADDER_CATALOG": str(catalogue)}
    with subprocess.Popen([sys.executable, "-m", "pmladder", "site", str(folder)], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          preexec_fn=interruptible) as child:
        marker = folder / MARKER
        deadline = time.monotonic() + 60
        while not (marker.exists() and marker.read_text(encoding="utf-8").count("\n") > 3):
            assert child.poll() is None, "the build ended before it could be interrupted"
            assert time.monotonic() < deadline, "no pages written in a minute"
            time.sleep(0.01)
        # Frozen after its first pages, however busy the machine: Ctrl-C then
        # lands mid-build, where it is handled as soon as the build goes on.
        child.send_signal(signal.SIGSTOP)
        assert "Unfinished" in marker.read_text(encoding="utf-8"), "the build was not stopped"
        child.send_signal(signal.SIGINT)
        child.send_signal(signal.SIGCONT)
        _, stderr = child.communicate(timeout=60)
    assert child.returncode == 130, stderr
    assert "nothing was saved" not in stderr
    assert "unfinished: run the same command again" in stderr
    assert "Unfinished" in marker.read_text(encoding="utf-8")


def test_an_outsize_marker_is_refused_unread(invoke: Invoke, tmp_path: Path) -> None:
    folder = make_site(invoke, tmp_path / "out", "--catalog", str(TINY))
    os.truncate(folder / MARKER, MARKER_LIMIT + 1)  # sparse: no disk, and never read
    result = invoke("--catalog", str(TINY), "site", str(folder))
    assert result.exit_code == 2, result.output
    assert "larger than any list of files" in result.stderr


def limit_file_size() -> None:
    """In the child: no file may grow past 4 KiB, so the 14 KB index page can't be written."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_failed_write_is_exit_4_and_the_rerun_finishes(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    # Python ignores SIGXFSZ, so a write past the limit fails as a full disk does.
    done = subprocess.run(
        [sys.executable, "-m", "pmladder", "--catalog", str(TINY), "site", str(folder)],
        capture_output=True, text=True, timeout=60, check=False, preexec_fn=limit_file_size,
        env={**os.environ, "COLUMNS": "200", "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 4, done.stderr
    assert "File too large" in done.stderr
    assert "Unfinished" in (folder / MARKER).read_text(encoding="utf-8")
    make_site(invoke, folder, "--catalog", str(TINY))
