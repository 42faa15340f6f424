"""The HTML report in a real browser: headless Chromium through selenium and Debian's chromedriver.

- the page's own script runs under its Content-Security-Policy (``data-ready``), filters work
  (after unticking "情報" no info finding is displayed and its highlights are switched off);
- hostile document text runs nothing (``window.alert`` is hooked before any page script);
- a screenshot is saved as a test artifact (pytest's tmp dir; the path is printed);
- the load time of the report of a big document is measured (and bounded).

Skips, saying why, when chromium, chromedriver or selenium are missing (``make test`` installs them).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from disclint.model.document import Block, BlockKind, Document, Location
from disclint.model.findings import Finding, Level
from disclint.report import FileReport, render
from disclint.report.html import HtmlFileReport, with_document

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "samples" / "sample_draft.docx"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else shutil.which("chromedriver")
ARGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)

selenium = pytest.importorskip("selenium", reason="selenium is not installed (pip install -e '.[test]')")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Chromium and/or chromedriver are not installed; `make test` installs the Debian packages chromium and chromium-driver",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ARGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument("--window-size=1400,1600")
    options.binary_location = CHROMIUM
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    # record alert/confirm/prompt calls before any script of any page runs
    driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {"source": "window.__alerts=[];['alert','confirm','prompt'].forEach(function(n){window[n]=function(m){window.__alerts.push(n+':'+m);};});"},
    )
    yield driver
    driver.quit()


def open_page(driver, path: Path) -> float:
    """Load ``path``; return the navigation's load time in milliseconds (loadEventEnd)."""
    driver.get(path.as_uri())
    for _ in range(100):
        if driver.execute_script("return document.readyState") == "complete":
            break
        time.sleep(0.05)
    return float(driver.execute_script("return performance.getEntriesByType('navigation')[0].loadEventEnd"))


def visible(driver, css: str) -> list:
    return [e for e in driver.find_elements("css selector", css) if e.is_displayed()]


@pytest.fixture(scope="module")
def sample_html(tmp_path_factory) -> Path:
    from disclint.config import Config
    from disclint.lint import lint
    from disclint.readers import read

    doc = read(SAMPLE)
    cfg = Config()
    result = lint(doc, config=cfg)
    rep = with_document(FileReport(doc.path, result.findings, result.coverage), result.analysis, cfg)
    out = tmp_path_factory.mktemp("report") / "sample.html"
    out.write_text(render("html", [rep], rules=cfg.rules(), lang="ja", version="test"), encoding="utf-8")
    return out


def test_filters_hide_and_show_findings(browser, sample_html, tmp_path):
    open_page(browser, sample_html)
    assert browser.execute_script("return document.documentElement.getAttribute('data-ready')") == "1"  # our script ran under the CSP
    infos = browser.find_elements("css selector", "li.fd[data-level=info]")
    assert infos and len(visible(browser, "li.fd[data-level=info]")) == len(infos)
    total = len(browser.find_elements("css selector", "li.fd"))
    browser.find_element("css selector", "form.filters input[name=level][value=info]").click()
    assert visible(browser, "li.fd[data-level=info]") == []
    assert len(visible(browser, "li.fd")) == total - len(infos) > 0
    info_ids = {e.get_attribute("data-f") for e in infos}
    marks = [m for m in browser.find_elements("css selector", "mark[data-f]") if m.get_attribute("data-f") in info_ids]
    assert marks and all("off" in m.get_attribute("class").split() for m in marks)
    assert browser.find_element("css selector", ".shown-count").text == str(total - len(infos))
    # the quality filter, then the directive filter ("指示なし" = findings without a directive)
    browser.find_element("css selector", "form.filters input[name=quality][value=truthfulness]").click()
    assert visible(browser, "li.fd[data-quality=truthfulness]") == []
    browser.find_element("css selector", "form.filters input[name=directive][value='0']").click()
    assert all(e.get_attribute("data-d") != "0" for e in visible(browser, "li.fd"))
    assert visible(browser, "li.fd:not([data-d='0'])")  # findings on passages with a directive are still listed
    # tick everything again: all findings are back
    for value in ("info",):
        browser.find_element("css selector", f"form.filters input[name=level][value={value}]").click()
    browser.find_element("css selector", "form.filters input[name=quality][value=truthfulness]").click()
    browser.find_element("css selector", "form.filters input[name=directive][value='0']").click()
    assert len(visible(browser, "li.fd")) == total
    # clicking a finding's location focuses its highlight
    link = browser.find_element("css selector", "li.fd a.go[href^='#m']")
    link.click()
    fid = link.find_element("xpath", "./ancestor::li").get_attribute("data-f")
    assert browser.find_elements("css selector", f"mark.focus[data-f='{fid}']")
    browser.execute_script("window.scrollTo(0, 0)")
    shot = tmp_path / "report_sample.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")
    assert browser.execute_script("return window.__alerts") == []


def test_hostile_document_text_runs_nothing(browser, tmp_path):
    from test_report_html import hostile_report

    _, text = hostile_report()
    path = tmp_path / "hostile.html"
    path.write_text(text, encoding="utf-8")
    open_page(browser, path)
    assert browser.execute_script("return document.documentElement.getAttribute('data-ready')") == "1"
    assert browser.execute_script("return window.__alerts") == []
    assert browser.execute_script("return document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert browser.execute_script("return document.scripts.length") == 1
    body = browser.execute_script("return document.body.innerText")
    assert "<script>alert(1)</script>" in body and '"><img src=x onerror=alert(1)>' in body
    assert browser.execute_script("alert('hook works'); return window.__alerts") == ["alert:hook works"]  # the hook would have seen it


def big_document(pages: int = 120, per_page: int = 30) -> tuple[Document, list[Finding]]:
    sentence = "当社グループは、情報セキュリティ基本方針に基づき、サイバー攻撃への対策を万全に講じております。"
    blocks: list[Block] = []
    findings: list[Finding] = []
    levels = (Level.INFO, Level.WARNING, Level.ERROR)
    qualities = ("relevance", "truthfulness", "comparability", "understandability", "timeliness")
    for p in range(1, pages + 1):
        blocks.append(Block(BlockKind.HEADING, f"第{p}節 事業等のリスク", Location("big.pdf", page=p, section=(f"第{p}節",)), 2))
        for k in range(per_page):
            text = sentence * 3
            i = len(blocks)
            blocks.append(Block(BlockKind.PARAGRAPH, text, Location("big.pdf", page=p, section=(f"第{p}節",))))
            if k % 3 == 0:
                s = text.index("万全")
                findings.append(Finding("truthfulness.absolute-claim", levels[k % 3], "断定的すぎる表現です", blocks[i].location, i, s, s + 2, "万全", qualities[k % 5]))
                findings.append(Finding("understandability.sentence-length", Level.INFO, "一文が長すぎます", blocks[i].location, i, 0, len(sentence), sentence, "understandability"))
    return Document("big.pdf", "pdf", blocks, {"pages": pages}), findings


def test_report_of_a_big_document_loads_and_filters(browser, tmp_path):
    doc, findings = big_document()
    cov = {"directives": {str(d): {"status": ("covered", "weak", "missing")[d % 3], "title": f"指示{d}", "locations": []} for d in range(1, 11)}}
    rep = HtmlFileReport(doc.path, findings, cov, 0, document=doc)
    t0 = time.perf_counter()
    text = render("html", [rep], lang="ja", version="test")
    render_s = time.perf_counter() - t0
    path = tmp_path / "big.html"
    path.write_text(text, encoding="utf-8")
    size_mb = path.stat().st_size / 1e6
    times = []
    for _ in range(3):
        times.append(open_page(browser, path))
    load_ms = sorted(times)[1]
    print(f"big document: {len(doc.blocks)} blocks, {doc.char_count:,} chars, {len(findings)} findings; "
          f"render {render_s:.2f} s, {size_mb:.2f} MB, browser load {load_ms:.0f} ms (median of 3)")
    assert len(browser.find_elements("css selector", "li.fd")) == len(findings)
    assert size_mb < doc.char_count * 3 * 2.5 / 1e6  # at most ~2.5x the UTF-8 text: no duplicated copy
    # unticking a level on the big page is quick too
    browser.find_element("css selector", "form.filters input[name=level][value=info]").click()
    assert browser.execute_script("return document.querySelectorAll('li.fd[data-level=info]:not(.off)').length") == 0
