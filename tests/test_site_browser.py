"""The static site in a real browser: headless Chromium loads pages from disk.

Uses the system's Chromium through Playwright's ``executable_path`` (no browser
download). Without Chromium or Playwright these tests are skipped on a
developer's machine and fail in CI (``CI=true``), where ``.ci/run`` installs it.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import Invoke, missing

CHROMIUM = os.environ.get("PMLADDER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pmladder.catalog import CatalogSource, load
    from pmladder.site import build, write

    folder = tmp_path_factory.mktemp("browser") / "site"
    write(build(load(CatalogSource(None))), folder)
    return folder


def _open(browser: Any, url: str, width: int = 1280) -> tuple[Any, list[str], list[str]]:
    """A page at ``url`` with the console errors and every request it made."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, errors, requests


def test_search_finds_sql_like_the_cli(browser: Any, site: Path, invoke: Invoke) -> None:
    page, errors, requests = _open(browser, (site / "index.html").as_uri())
    assert page.locator("#find").is_visible()
    page.fill("#search-input", "SQL")
    page.click("#search-form button")
    results = page.locator("#search-results li a")
    assert results.first.inner_text() == "Data/Analytics Product Manager"
    expected = json.loads(invoke("search", "SQL", "--json").stdout)["results"]
    assert results.all_inner_texts() == [r["title"] for r in expected]
    # Several words, ranked as the CLI ranks them.
    page.fill("#search-input", "roadmap strategy")
    page.click("#search-form button")
    expected = json.loads(invoke("search", "roadmap strategy", "--json").stdout)["results"]
    assert results.all_inner_texts() == [r["title"] for r in expected]
    results.first.click()
    # Wait for the new page itself: on a busy machine "load" of the current page
    # can answer before the click's navigation has begun.
    page.wait_for_url(f"**/roles/{expected[0]['role']}.html")
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests


ROUTES = [("apm", "cpo"), ("product-owner", "director"), ("pmm", "cpo"), ("cpo", "apm"),
          ("pm", "pm")]


def test_route_finder_answers_like_path(browser: Any, site: Path, invoke: Invoke) -> None:
    page, errors, _ = _open(browser, (site / "index.html").as_uri())
    index = page.url
    for source, target in ROUTES:
        if page.url != index:
            page.goto(index)
        page.select_option("#route-from", source)
        page.select_option("#route-to", target)
        page.click("#route-form button")
        result = invoke("path", source, target, "--json")
        steps = page.locator("#route-steps li")
        status = page.locator("#route-status").inner_text()
        if result.exit_code == 1:
            assert status.startswith("No route from"), status
            assert steps.count() == 0
            continue
        doc = json.loads(result.stdout)
        shown = [(li.get_attribute("data-from"), li.get_attribute("data-to"))
                 for li in steps.all()]
        assert shown == [(s["source"], s["target"]) for s in doc["steps"]], (source, target)
        if not doc["steps"]:
            assert "same role" in status
            continue
        years = page.locator("#route-status").get_attribute("data-typical-years")
        expected = doc["total"]["typical_years"]
        assert (float(years) if years else None) == expected
        assert f"{len(doc['steps'])} steps" in status
        steps.first.locator("a").click()
        first = doc["steps"][0]
        page.wait_for_url(f"**/moves/{first['source']}/{first['target']}.html")
    assert errors == []


def test_pages_load_without_errors_or_network_at_phone_width(browser: Any, site: Path) -> None:
    for name in ("index.html", "roles/senior-pm.html", "moves/pm/senior-pm.html"):
        page, errors, requests = _open(browser, (site / name).as_uri(), width=390)
        assert errors == [], name
        assert all(url.startswith("file://") for url in requests), requests
        # Nothing but the scrolling tables and picture is wider than the phone.
        wide = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert wide <= 0, f"{name} scrolls sideways by {wide}px"
        page.close()


def test_keyboard_reaches_the_search_box_and_the_picture_links(
    browser: Any, site: Path
) -> None:
    page, _, _ = _open(browser, (site / "index.html").as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
    focused = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        focused.add(page.evaluate("document.activeElement.id || document.activeElement."
                                  "getAttribute('href') || ''"))
    assert "search-input" in focused
    assert "route-from" in focused
    assert any(str(f).startswith("roles/") for f in focused), focused


def test_route_finder_adds_years_exactly_as_path_does(
    browser: Any, tmp_path: Path, invoke: Invoke
) -> None:
    """With 0.1 + 0.2 against 0.3, floating point would pick other routes than path."""
    from test_diff import _catalogue_with_years

    source = _catalogue_with_years(tmp_path, [0.1, 0.2, 0.3, 0.7, 1.1])
    folder = tmp_path / "site"
    assert invoke("--catalog", str(source), "site", str(folder)).exit_code == 0
    page, errors, _ = _open(browser, (folder / "index.html").as_uri())
    for start in ("apm", "product-owner", "pmm"):
        for end in ("cpo", "director", "senior-pm", "technical-pm"):
            page.select_option("#route-from", start)
            page.select_option("#route-to", end)
            page.click("#route-form button")
            result = invoke("--catalog", str(source), "path", start, end, "--json")
            if result.exit_code == 1:
                assert page.locator("#route-status").inner_text().startswith("No route")
                continue
            doc = json.loads(result.stdout)
            shown = [li.get_attribute("data-to") for li in page.locator("#route-steps li").all()]
            assert shown == [s["target"] for s in doc["steps"]], (start, end)
    assert errors == []


def test_hostile_catalogue_stays_inert_in_the_browser(
    browser: Any, tmp_path: Path, invoke: Invoke
) -> None:
    from conftest import TINY

    attack = '<img src=x onerror="window.pwned=1"></script><script>window.pwned=2</script>'
    text = TINY.read_text(encoding="utf-8")
    text = text.replace('title = "Maker"', f"title = {json.dumps('Maker ' + attack)}")
    text = text.replace('summary = "Learns the craft."', f"summary = {json.dumps(attack)}")
    source = tmp_path / "hostile.toml"
    source.write_text(text, encoding="utf-8")
    folder = tmp_path / "site"
    assert invoke("--catalog", str(source), "site", str(folder)).exit_code == 0
    page, errors, requests = _open(browser, (folder / "index.html").as_uri())
    page.fill("#search-input", "onerror")
    page.click("#search-form button")
    first = page.locator("#search-results li a").first
    assert first.inner_text() == "Maker " + attack
    page.select_option("#route-from", "junior")
    page.select_option("#route-to", "maker")
    page.click("#route-form button")
    assert attack in page.locator("#route-steps").inner_text()
    for url in ((folder / "roles" / "maker.html").as_uri(), (folder / "index.html").as_uri()):
        page.goto(url)
        assert page.evaluate("window.pwned") is None
    assert page.locator("img").count() == 0
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests
