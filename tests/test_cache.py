"""The validated-catalogue cache: keyed by content, never stale, safe under races."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import TINY, Invoke
from pmladder import cache
from pmladder.catalog import CatalogSource, load


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PMLADDER_CACHE_DIR", str(folder))
    return folder


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.marshal")) if folder.exists() else []


def test_a_load_writes_one_entry_and_the_next_reads_it(cache_dir: Path, tmp_path: Path) -> None:
    file = tmp_path / "ladder.toml"
    file.write_bytes(TINY.read_bytes())
    first = load(CatalogSource(file))
    assert len(entries(cache_dir)) == 1
    second = load(CatalogSource(file))
    assert second.catalog == first.catalog
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
    assert cache.get(content) == {"x": 1}
    entry.write_bytes(b"\x00garbage")
    assert cache.get(content) is None
    # An entry copied over another key's file is refused: the key is inside it.
    cache.put(b"other", {"y": 2})
    other = cache_dir / f"{cache.key(b'other')}.marshal"
    entry.write_bytes(other.read_bytes())
    assert cache.get(content) is None


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
            seen.append(cache.get(content))

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
