"""The validated-catalogue cache: keyed by content, never stale, safe under races."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from conftest import TINY, Invoke
from pmladder import cache
from pmladder.catalog import CatalogSource, load


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PMLADDER_CACHE_DIR", str(folder))
    return folder


def stored(content: bytes) -> Any:
    """The index stored for ``content``, or ``None`` when the cache has no trustworthy entry."""
    entry = cache.get(content)
    return None if entry is None else entry.index


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.marshal")) if folder.exists() else []


def test_a_load_writes_one_entry_and_the_next_reads_it(cache_dir: Path, tmp_path: Path) -> None:
    file = tmp_path / "ladder.toml"
    file.write_bytes(TINY.read_bytes())
    first = load(CatalogSource(file))
    assert len(entries(cache_dir)) == 1
    second = load(CatalogSource(file))
    assert second.whole_catalog() == first.whole_catalog()
    assert second.warnings == first.warnings  # the hermit's warning survives the cache
    assert any(w.role == "hermit" for w in second.warnings)


def test_cached_output_is_identical(invoke: Invoke, cache_dir: Path) -> None:
    cold = [invoke("--catalog", str(TINY), *args).stdout
            for args in (("list",), ("show", "lead"), ("path", "jm", "expert", "--json"))]
    assert entries(cache_dir)
    warm = [invoke("--catalog", str(TINY), *args).stdout
            for args in (("list",), ("show", "lead"), ("path", "jm", "expert", "--json"))]
    assert warm == cold


def test_a_changed_file_is_never_served_stale(cache_dir: Path, tmp_path: Path) -> None:
    file = tmp_path / "ladder.toml"
    file.write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    assert load(CatalogSource(file)).roles["maker"].title == "Maker"
    file.write_text(
        TINY.read_text(encoding="utf-8").replace('title = "Maker"', 'title = "Crafter"'),
        encoding="utf-8",
    )
    assert load(CatalogSource(file)).roles["maker"].title == "Crafter"
    assert len(entries(cache_dir)) == 2


def test_an_invalid_file_is_not_cached(cache_dir: Path, tmp_path: Path) -> None:
    from pmladder.errors import CatalogError

    file = tmp_path / "bad.toml"
    file.write_text(TINY.read_text(encoding="utf-8").replace('"low"', '"lo"', 1),
                    encoding="utf-8")
    for _ in range(2):  # the second run must fail again, not hit a cache
        with pytest.raises(CatalogError):
            load(CatalogSource(file))
    assert entries(cache_dir) == []


def test_a_damaged_or_foreign_entry_is_ignored(cache_dir: Path) -> None:
    content = b"toml\nsome catalogue"
    cache.put(content, {"x": 1})
    (entry,) = entries(cache_dir)
    assert stored(content) == {"x": 1}
    entry.write_bytes(b"\x00garbage")
    assert stored(content) is None
    # An entry copied over another key's file is refused: its digest is bound to its key.
    cache.put(b"other", {"y": 2})
    other = cache_dir / f"{cache.key(b'other')}.marshal"
    entry.write_bytes(other.read_bytes())
    assert stored(content) is None


def _bundled_entry(cache_dir: Path) -> Path:
    load(CatalogSource(None))
    (entry,) = entries(cache_dir)
    return entry


def test_one_flipped_bit_in_an_entry_changes_no_answer(cache_dir: Path) -> None:
    entry = _bundled_entry(cache_dir)
    raw = bytearray(entry.read_bytes())
    at = raw.index(b"Chief Product Officer")
    raw[at + len("Chief Product Office")] ^= 0x0A  # 'r' -> 'x'... any flip
    entry.write_bytes(bytes(raw))
    ladder = load(CatalogSource(None))
    assert ladder.roles["cpo"].title == "Chief Product Officer"
    assert b"Chief Product Officer" in entry.read_bytes()  # rewritten whole


@pytest.mark.parametrize(
    "raw",
    [
        b"\xa8\x01\x00\x00\x00r\x00\x00\x00\x00",  # a tuple that contains itself
        b"[\xff\xff\xff\x7f" + b"N" * 8,  # a list claiming 2**31 items
        marshal.dumps(("key", {"head": 1})),  # the old layout, the wrong shape
        b"",
    ],
    ids=["self-referring", "huge-list", "wrong-shape", "empty"],
)
def test_crafted_entries_cost_only_a_cold_load(cache_dir: Path, raw: bytes) -> None:
    entry = _bundled_entry(cache_dir)
    entry.write_bytes(raw)
    assert load(CatalogSource(None)).roles["cpo"].title == "Chief Product Officer"


def test_an_entry_of_the_wrong_shape_with_a_good_digest_is_not_used(cache_dir: Path) -> None:
    from pmladder.catalog import CACHE_LAYOUT, read_source_bytes
    from pmladder.index import index_of, role_record

    content, kind = read_source_bytes(CatalogSource(None)), f"{CACHE_LAYOUT} toml"
    whole = load(CatalogSource(None)).whole_catalog()
    good, records = index_of(whole, []), [role_record(r) for r in whole.roles]
    for bad in ({"head": 1}, {**good, "ids": good["ids"][:-1]},
                {**good, "edges": {**good["edges"], "apm": [("nobody", 1.0)]}}, [1, 2]):
        cache.put(content, bad, records, kind=kind)
        entry = cache.get(content, kind)
        assert entry is not None
        assert entry.index == bad  # sealed properly: only the shape is wrong
        assert load(CatalogSource(None)).roles["cpo"].title == "Chief Product Officer"


def test_a_damaged_record_is_never_used(cache_dir: Path) -> None:
    from pmladder.index import role_record

    entry = _bundled_entry(cache_dir)
    raw = bytearray(entry.read_bytes())
    record = role_record(load(CatalogSource(None)).roles["cpo"])
    raw[raw.index(record) + len(record) // 2] ^= 0x01  # in cpo's record, not the index
    entry.write_bytes(bytes(raw))
    ladder = load(CatalogSource(None))
    assert ladder.roles["apm"].title == "Associate Product Manager"
    assert ladder.roles["cpo"].title == "Chief Product Officer"  # validated again
    # apm came from its record; then nothing more was trusted, and validating again built all
    assert ladder.roles.built == 1 + len(ladder.ids)


def test_the_role_store_gives_one_role_and_never_walks_them_all(cache_dir: Path) -> None:
    load(CatalogSource(None))
    ladder = load(CatalogSource(None))  # cached: no role built yet
    assert "cpo" in ladder.roles
    assert "nosuch" not in ladder.roles
    with pytest.raises(TypeError, match="not iterable"):
        list(ladder.roles)  # type: ignore[call-overload]
    assert not hasattr(ladder.roles, "values")
    assert not hasattr(ladder.roles, "items")
    assert ladder.roles.built == 0
    assert ladder.roles["cpo"].title == "Chief Product Officer"
    assert ladder.roles.built == 1
    assert [r.id for r in ladder.every_role()] == list(ladder.ids)  # the one walk, named so
    assert ladder.roles.built == len(ladder.ids)


def test_a_damaged_names_record_is_never_used(cache_dir: Path) -> None:
    entry = _bundled_entry(cache_dir)
    raw = bytearray(entry.read_bytes())
    raw[-20] ^= 0x01  # in the names, the entry's last record
    entry.write_bytes(bytes(raw))
    ladder = load(CatalogSource(None))
    assert ladder.roles.built == 0
    assert ladder.names["seniorproductmanager"] == "senior-pm"  # validated again
    assert ladder.roles["senior-pm"].title == "Senior Product Manager"


def test_the_folder_is_private_and_others_entries_are_refused(cache_dir: Path) -> None:
    content = b"toml\nmine"
    cache.put(content, {"x": 1})
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    (entry,) = entries(cache_dir)
    assert entry.stat().st_mode & 0o777 == 0o600
    entry.chmod(0o666)  # writable by anyone: anyone could have written it
    assert stored(content) is None
    entry.chmod(0o600)
    assert stored(content) == {"x": 1}
    cache_dir.chmod(0o777)
    assert stored(content) is None
    cache.put(content, {"x": 2})  # nor is anything written into such a folder
    assert stored(content) is None
    cache_dir.chmod(0o700)
    assert stored(content) == {"x": 1}


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_entries_and_folders_of_another_user_are_refused(cache_dir: Path) -> None:
    content = b"toml\ntheirs"
    cache.put(content, {"x": 1})
    (entry,) = entries(cache_dir)
    os.chown(entry, 12345, 12345)
    assert stored(content) is None
    os.chown(entry, 0, 0)
    os.chown(cache_dir, 12345, 12345)
    assert stored(content) is None
    cache.put(b"toml\nanother", {"y": 1})
    assert len(entries(cache_dir)) == 1  # nothing written into their folder


def test_a_symlinked_entry_is_not_followed(cache_dir: Path, tmp_path: Path) -> None:
    content = b"toml\nlinked"
    cache.put(content, {"x": 1})
    (entry,) = entries(cache_dir)
    elsewhere = tmp_path / "elsewhere"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    assert stored(content) is None


def test_the_cache_is_bounded_least_recently_used_first(cache_dir: Path) -> None:
    import time

    for n in range(cache.MAX_ENTRIES + 5):
        content = f"toml\n{n}".encode()
        cache.put(content, {"n": n})
        then = time.time() - 1000 + n
        os.utime(cache_dir / f"{cache.key(content)}.marshal", (then, then))
    assert len(entries(cache_dir)) == cache.MAX_ENTRIES
    assert stored(b"toml\n4") is None  # the oldest went first
    # Reading an entry makes it recent: it outlives newer entries nobody reads.
    assert stored(b"toml\n5") == {"n": 5}
    for n in range(100, 100 + cache.MAX_ENTRIES - 1):
        cache.put(f"toml\n{n}".encode(), {"n": n})
    assert stored(b"toml\n5") == {"n": 5}
    assert stored(b"toml\n6") is None
    # And by size: a few big entries push out the rest.
    for n in range(4):
        cache.put(f"toml\nbig{n}".encode(), {"n": n}, [bytes(1_000_000)], limit=3_000_000)
    assert sum(e.stat().st_size for e in entries(cache_dir)) <= 3_000_000
    cache.put(b"toml\nhuge", {}, [bytes(4_000_000)], limit=3_000_000)  # over the bound: not kept
    assert stored(b"toml\nhuge") is None


@pytest.mark.parametrize(
    "environ",
    [
        {"HOME": ""},
        {"HOME": "/"},
        {"HOME": "relative/home"},
        {"HOME": "/home/x", "XDG_CACHE_HOME": "relative"},
        {"PMLADDER_CACHE_DIR": "relative/cache"},
        {"PMLADDER_CACHE_DIR": ""},
    ],
)
def test_no_sensible_place_means_no_cache(environ: dict[str, str]) -> None:
    expected = Path("/home/x/.cache/pmladder") if "XDG_CACHE_HOME" in environ else None
    assert cache.directory(environ) == expected


def test_no_home_at_all_means_no_cache() -> None:
    assert cache.home_folder({}, account=lambda: None) is None
    assert cache.home_folder({}, account=lambda: "/home/x") == "/home/x"
    assert cache.home_folder({"HOME": "/home/y"}, account=lambda: None) == "/home/y"


def test_a_user_without_a_home_can_run_every_command(tmp_path: Path) -> None:
    # A uid with no passwd entry and no HOME: Path.home() would raise.
    env = {k: v for k, v in os.environ.items()
           if k not in ("HOME", "PMLADDER_CACHE_DIR", "XDG_CACHE_HOME")}
    code = (
        "import os, pwd\n"
        "def missing(uid): raise KeyError(uid)\n"
        "pwd.getpwuid = missing\n"
        "import sys; sys.argv = ['pmladder', 'show', 'cpo']\n"
        "from pmladder.cli import run; run()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Chief Product Officer" in done.stdout
    assert not list(tmp_path.iterdir())  # nothing written into the working folder


def test_tests_never_touch_the_real_cache() -> None:
    from conftest import TEST_CACHE

    folder = cache.directory()
    assert folder is not None
    assert folder == TEST_CACHE
    # This module and every other was imported after conftest set the folder,
    # including those that load a catalogue at import time.
    assert os.environ["PMLADDER_CACHE_DIR"] == str(TEST_CACHE)


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, cache_dir: Path) -> None:
    monkeypatch.setenv("PMLADDER_NO_CACHE", "1")
    load(CatalogSource(TINY))
    assert entries(cache_dir) == []
    assert cache.directory() is None


def test_an_unwritable_cache_is_harmless(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PMLADDER_CACHE_DIR", str(blocker / "cache"))
    assert load(CatalogSource(TINY)).roles["maker"].title == "Maker"


def test_threads_racing_on_one_entry_all_read_whole_entries(cache_dir: Path) -> None:
    content = b"toml\nraced"
    payload = {"roles": list(range(20_000))}
    seen: list[object] = []

    def work() -> None:
        for _ in range(20):
            cache.put(content, payload)
            seen.append(stored(content))

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(s is None or s == payload for s in seen)
    assert payload in seen
    assert len(entries(cache_dir)) == 1
    assert not list(cache_dir.glob("*.tmp"))  # no temporary file left behind


def test_processes_racing_on_a_cold_cache(cache_dir: Path) -> None:
    env = {**os.environ, "PMLADDER_CACHE_DIR": str(cache_dir), "COLUMNS": "100"}
    command = [sys.executable, "-m", "pmladder", "--catalog", str(TINY), "path", "jm", "expert"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                             text=True) for _ in range(6)]
    outputs = [run.communicate(timeout=60) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert len({out for out, _ in outputs}) == 1
    assert len(entries(cache_dir)) == 1


def test_a_link_planted_under_an_entrys_name_is_replaced_never_written_through(
    cache_dir: Path, tmp_path: Path
) -> None:
    content = b"toml\nplanted"
    decoy = tmp_path / "decoy"
    decoy.write_text("keep me\n")
    decoy.chmod(0o644)
    cache.put(b"toml\nfirst", {"x": 0})  # makes the folder
    entry = cache_dir / f"{cache.key(content)}.marshal"
    entry.symlink_to(decoy)
    assert stored(content) is None
    cache.put(content, {"x": 1})
    assert decoy.read_text() == "keep me\n"
    assert decoy.stat().st_mode & 0o777 == 0o644
    assert not entry.is_symlink()
    assert entry.is_file()
    assert stored(content) == {"x": 1}


def test_a_fifo_under_an_entrys_name_never_blocks(cache_dir: Path) -> None:
    content = b"toml\nfifo"
    cache.put(b"toml\nfirst", {"x": 0})
    entry = cache_dir / f"{cache.key(content)}.marshal"
    os.mkfifo(entry)
    done: list[object] = []
    reader = threading.Thread(target=lambda: done.append(stored(content)), daemon=True)
    reader.start()
    reader.join(5)
    assert done == [None], "reading a FIFO entry blocked"
    cache.put(content, {"x": 1})  # replaced by a real entry, not opened
    assert stored(content) == {"x": 1}


def test_a_users_own_folder_as_the_cache_is_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    folder = tmp_path / "mine"
    folder.mkdir()
    folder.chmod(0o755)
    old = time.time() - 7200
    theirs = [folder / "notes.tmp", folder / ".pmladder-notes.tmp", folder / "draft.marshal"]
    for path in theirs:
        path.write_text("mine\n")
        os.utime(path, (old, old))
    ours = folder / ".pmladder-abcd_123.tmp"  # a temporary file a killed run left
    ours.write_bytes(b"")
    os.utime(ours, (old, old))
    monkeypatch.setenv("PMLADDER_CACHE_DIR", str(folder))
    cache.put(b"toml\nx", {"x": 1})
    assert stored(b"toml\nx") == {"x": 1}
    assert folder.stat().st_mode & 0o777 == 0o755
    assert all(path.read_text() == "mine\n" for path in theirs)
    assert not ours.exists()


def test_completion_reads_names_from_the_index_of_a_cached_catalogue(
    cache_dir: Path, tmp_path: Path
) -> None:
    from pmladder.catalog import names_only

    file = tmp_path / "ladder.toml"
    file.write_bytes(TINY.read_bytes())
    parsed = names_only(CatalogSource(file))  # nothing cached yet: the TOML as written
    assert "scale" in parsed
    load(CatalogSource(file))
    cached = names_only(CatalogSource(file))
    assert set(cached) == {"roles", "tracks"}  # from the index, not the file
    assert cached["roles"] == [
        {"id": r["id"], "title": r["title"], "aliases": r.get("aliases", [])}
        for r in parsed["roles"]
    ]
    assert cached["tracks"] == [{"id": t["id"], "name": t["name"]} for t in parsed["tracks"]]


def test_the_collector_is_paused_only_while_an_entry_is_decoded() -> None:
    import gc

    from pmladder import cache

    assert gc.isenabled()
    with cache.paused_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError, match="damaged"), cache.paused_collection():
        raise ValueError("a damaged entry")
    assert gc.isenabled()
    gc.disable()
    try:  # a caller that paused it itself keeps it paused
        with cache.paused_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
