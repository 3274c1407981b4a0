"""The one file writer: export -o, --svg, assess's save and the site write through it.

Its policy: a regular file is written whole or not at all and replaced only
when asked; a special file is written through, never replaced; a symbolic
link is followed to a file that exists, and a dangling one refused; no
temporary file is ever left behind; any name the file system takes works.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Invoke
from pmladder.errors import ExitCode
from pmladder.textfile import WriteFailed, WriteRefused, write_file


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_new_file_is_written_and_an_existing_one_kept(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_file(target, b"one", overwrite=False)
    assert target.read_bytes() == b"one"
    with pytest.raises(WriteRefused) as info:
        write_file(target, b"two", overwrite=False)
    assert info.value.exists
    assert target.read_bytes() == b"one"
    target.chmod(0o640)
    write_file(target, b"two", overwrite=True)
    assert target.read_bytes() == b"two"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # keeps its permissions
    assert names(tmp_path) == ["out.txt"]


def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with pytest.raises(WriteRefused):
        write_file(link, b"new", overwrite=False)
    write_file(link, b"new", overwrite=True)
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_a_dangling_symlink_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "nowhere" / "file.txt")
    for overwrite in (False, True):
        with pytest.raises(WriteRefused, match="dangling"):
            write_file(link, b"data", overwrite=overwrite)
    assert link.is_symlink()
    assert not (tmp_path / "nowhere").exists()


def test_special_files_are_written_through_never_replaced() -> None:
    write_file(Path("/dev/null"), b"data", overwrite=True)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    if Path("/dev/full").exists():
        with pytest.raises(WriteFailed, match="No space left"):
            write_file(Path("/dev/full"), b"data", overwrite=True)
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_name_as_long_as_the_file_system_allows(tmp_path: Path) -> None:
    target = tmp_path / ("x" * 250 + ".toml")
    write_file(target, b"data", overwrite=False)
    assert target.read_bytes() == b"data"
    with pytest.raises(WriteFailed, match="too long"):
        write_file(tmp_path / ("y" * 300), b"data", overwrite=False)
    assert names(tmp_path) == [target.name]


def test_sigterm_during_a_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from pmladder.textfile import write_file\n"
        "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGTERM)\n"
        "write_file(Path(sys.argv[1]) / 'out.toml', b'x' * 100000, overwrite=False)\n"
        "print('survived')\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == -signal.SIGTERM, done
    assert "survived" not in done.stdout
    assert names(tmp_path) == []


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_export_never_replaces_a_device(invoke: Invoke, device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    result = invoke("export", "-o", device, "--force")
    assert stat.S_ISCHR(os.stat(device).st_mode)
    if device == "/dev/full":
        assert result.exit_code == ExitCode.CANNOT_WRITE
        assert result.stderr == "error: cannot write /dev/full: No space left on device\n"
    else:
        assert result.exit_code == 0, result.output


def test_export_to_dev_stdout_writes_through(tmp_path: Path) -> None:
    out = tmp_path / "captured.toml"
    with out.open("wb") as handle:
        done = subprocess.run(
            [sys.executable, "-m", "pmladder", "export", "-o", "/dev/stdout", "--force"],
            stdout=handle, stderr=subprocess.PIPE, text=True, cwd=tmp_path, timeout=60,
        )
    assert done.returncode == 0, done.stderr
    assert "Chief Product Officer" in out.read_text(encoding="utf-8")
    assert names(tmp_path) == ["captured.toml"]


def test_export_onto_links(invoke: Invoke, tmp_path: Path) -> None:
    dangling = tmp_path / "dangling.toml"
    dangling.symlink_to(tmp_path / "missing.toml")
    result = invoke("export", "-o", str(dangling), "--force")
    assert result.exit_code == ExitCode.USAGE
    assert "dangling" in result.stderr
    assert not (tmp_path / "missing.toml").exists()
    real = tmp_path / "real.toml"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    assert invoke("export", "-o", str(link)).exit_code == ExitCode.USAGE
    assert invoke("export", "-o", str(link), "--force").exit_code == 0
    assert link.is_symlink()
    assert "Chief Product Officer" in real.read_text(encoding="utf-8")
    assert sorted(names(tmp_path)) == ["dangling.toml", "link.toml", "real.toml"]


def test_svg_onto_a_dangling_link_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    link = tmp_path / "pic.svg"
    link.symlink_to(tmp_path / "elsewhere.svg")
    result = invoke("show", "apm", "--svg", str(link))
    assert result.exit_code == ExitCode.USAGE
    assert "dangling" in result.stderr
    assert not (tmp_path / "elsewhere.svg").exists()


def test_svg_with_a_long_name(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / ("p" * 251 + ".svg")
    result = invoke("show", "apm", "--svg", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("<svg")


def test_the_site_writes_through_the_same_writer(invoke: Invoke, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert invoke("site", str(site)).exit_code == 0
    (site / "index.html").chmod(0o640)
    before = tmp_path / "before"
    before.mkdir()
    files = sorted(p for p in site.rglob("*") if p.is_file())
    for number, path in enumerate(files):  # a second name keeps each old file alive
        os.link(path, before / str(number))
    result = invoke("site", str(site))
    assert result.exit_code == 0, result.output
    assert sorted(p for p in site.rglob("*") if p.is_file()) == files
    for number, path in enumerate(files):  # each replaced whole, by a rename, none in place
        assert not path.samefile(before / str(number)), path
    assert stat.S_IMODE((site / "index.html").stat().st_mode) == 0o640  # permissions kept
    assert not [p for p in site.rglob("*") if p.name.endswith(".tmp")]


def test_a_nul_byte_in_a_file_name_is_one_line(invoke: Invoke) -> None:
    for args in (("assess", "\x00"), ("validate", "a\x00b"), ("export", "-o", "x\x00"),
                 ("show", "apm", "--svg", "p\x00.svg"), ("--catalog", "\x00", "list")):
        result = invoke(*args)
        assert result.exit_code in (ExitCode.USAGE, ExitCode.INVALID_CATALOG), result.output
        assert "NUL byte" in result.stderr
        assert "\x00" not in result.output


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="no /dev/shm")
def test_a_regular_file_under_dev_is_still_a_file(tmp_path: Path) -> None:
    import tempfile

    with tempfile.TemporaryDirectory(dir="/dev/shm") as folder:
        target = Path(folder) / "kept.toml"
        target.write_bytes(b"mine")
        with pytest.raises(WriteRefused):
            write_file(target, b"theirs", overwrite=False)
        assert target.read_bytes() == b"mine"


LONG = "d" * 300  # longer than any file system takes for one name


@pytest.mark.parametrize(
    "args",
    [
        ("site", LONG),
        ("site", f"{LONG}/x"),
        ("show", "cpo", "--svg", f"{LONG}/x.svg"),
        ("list", "--svg", f"{LONG}.svg"),
        ("export", "-o", f"{LONG}/x.toml"),
        ("--catalog", LONG, "list"),
        ("diff", LONG, ":bundled"),
        ("validate", LONG),
    ],
    ids=["site", "site-in", "svg-in", "svg", "export", "catalog", "diff", "validate"],
)
def test_a_name_too_long_is_one_error_line(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    assert result.exit_code in (ExitCode.USAGE, ExitCode.INVALID_CATALOG,
                                ExitCode.CANNOT_WRITE), result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "too long" in result.stderr


@pytest.mark.parametrize(
    "args",
    [("export", "-o", "out/"), ("show", "cpo", "--svg", "out/"), ("list", "--svg", "out/")],
    ids=["export", "show", "list"],
)
def test_a_name_ending_in_a_slash_is_a_folder_not_a_file(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "ends with a slash" in result.stderr
    assert not (tmp_path / "out").exists()
    (tmp_path / "out").mkdir()  # an existing folder is refused by name too, slash or not
    for name in ("out/", "out"):
        again = invoke(*args[:-1], name)
        assert again.exit_code == ExitCode.USAGE, again.output
        assert "folder" in again.stderr
    assert names(tmp_path / "out") == []


@pytest.mark.skipif(os.name != "posix", reason="pipes named by /dev/fd")
@pytest.mark.parametrize("args", [("export", "-o"), ("show", "cpo", "--svg")],
                         ids=["export", "svg"])
def test_a_pipe_whose_reader_went_away_ends_quietly(tmp_path: Path, args: tuple[str, ...]) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before pmladder writes a byte
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pmladder", *args, f"/dev/fd/{write}"],
            pass_fds=(write,), capture_output=True, text=True, timeout=60,
            env={**os.environ, "PMLADDER_NO_CACHE": "1"}, cwd=tmp_path, check=False,
        )
    finally:
        os.close(write)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
