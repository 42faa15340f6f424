"""The attack list of issue 21, one function per case (see attack.py for the harness).

Each case builds its inputs in ``w.dir``, calls ``w.snapshot()`` when they are complete (or lets
the first run do it), runs disclint through ``w.run`` and states what must hold with
``w.expect``. The harness itself checks every run for a traceback, a hang, the peak RSS and the
one-line error format, and the case directory for files written outside the named outputs.
"""

from __future__ import annotations

import csv
import html as htmllib
import io
import json
import os
import resource
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))
from dask_relay import Relay  # noqa: E402  (the relay the round-3 tests use)


class Skip(Exception):
    """The case cannot run here (no dask CLI, not root …)."""


@dataclass
class Case:
    name: str
    group: str
    func: Callable[[Any], None]
    slow: bool = False


CASES: list[Case] = []


def case(name: str, group: str, slow: bool = False) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    def deco(func: Callable[[Any], None]) -> Callable[[Any], None]:
        CASES.append(Case(name, group, func, slow))
        return func

    return deco


# --------------------------------------------------------------------------------------- inputs

JA = "# 情報セキュリティ\n\n当社は情報セキュリティ基本方針を定め、全従業員に周知しています。\n"
CLAIM = "# 情報セキュリティ\n\n当社はサイバー攻撃に対して万全の体制を構築しています。\n"
CYBER = [
    "当社は、サイバーセキュリティリスクを重要な経営リスクと認識し、情報セキュリティ基本方針を定め全従業員に周知しております。",
    "最高情報セキュリティ責任者（CISO）を任命し、CSIRTを設置してインシデント発生時の緊急対応体制を整備しております。",
    "ランサムウェア等による被害に備え、バックアップからの復旧手順を定め、年1回復旧訓練を実施しております。",
]
FORMULAS = ['=HYPERLINK("http://127.0.0.1/x"&A1,"c")', "=1+2", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-1234", "\tTAB", "\rCR"]
SPAN_TABLE = "<table><tr>" + "".join(f'<td rowspan="2147483647" colspan="2147483647">セル{i}</td>' for i in range(50)) + "</tr></table>"
BOMB_YAML = "policy:\n  frameworks: [" + ", ".join(["&a [x, x, x, x, x, x, x, x, x]"] + [
    f"&{n} [{', '.join(['*' + p] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)]) + "]\n"


def xbrl(company: str, code: str, year: int, cyber: list[str], extra_html: str = "") -> bytes:
    def fact(concept: str, body: str) -> str:
        return f'<jpcrp_cor:{concept} contextRef="CurrentYearDuration">{htmllib.escape(body, quote=False)}</jpcrp_cor:{concept}>'

    risks = "<p>３【事業等のリスク】</p><p>当社グループの経営成績は市況の影響を受けます。</p>"
    risks += "<p>(5) 情報セキュリティについて</p>" + "".join(f"<p>{c}</p>" for c in cyber) + extra_html
    ctx = '<xbrli:entity><xbrli:identifier scheme="http://disclosure.edinet-fsa.go.jp">E9{code}-000</xbrli:identifier></xbrli:entity>'
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance"
  xmlns:jpdei_cor="http://disclosure.edinet-fsa.go.jp/taxonomy/jpdei/2013-08-31/jpdei_cor"
  xmlns:jpcrp_cor="http://disclosure.edinet-fsa.go.jp/taxonomy/jpcrp/2024-11-01/jpcrp_cor">
  <xbrli:context id="FilingDateInstant">{ctx.format(code=code)}<xbrli:period><xbrli:instant>{year}-06-27</xbrli:instant></xbrli:period></xbrli:context>
  <xbrli:context id="CurrentYearDuration">{ctx.format(code=code)}<xbrli:period><xbrli:startDate>{year - 1}-04-01</xbrli:startDate><xbrli:endDate>{year}-03-31</xbrli:endDate></xbrli:period></xbrli:context>
  <jpdei_cor:SecurityCodeDEI contextRef="FilingDateInstant">{code}0</jpdei_cor:SecurityCodeDEI>
  <jpdei_cor:FilerNameInJapaneseDEI contextRef="FilingDateInstant">{htmllib.escape(company)}</jpdei_cor:FilerNameInJapaneseDEI>
  <jpdei_cor:CurrentFiscalYearEndDateDEI contextRef="FilingDateInstant">{year}-03-31</jpdei_cor:CurrentFiscalYearEndDateDEI>
  <jpcrp_cor:DocumentTitleCoverPage contextRef="FilingDateInstant">有価証券報告書</jpcrp_cor:DocumentTitleCoverPage>
  {fact("BusinessRisksTextBlock", risks)}
</xbrli:xbrl>
""".encode()


def docx_bytes(paragraphs: list[str], heading: str = "情報セキュリティ") -> bytes:
    import docx

    d = docx.Document()
    d.add_heading(heading, level=1)
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def rewrite_zip(data: bytes, change: dict[str, bytes]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts.update(change)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in parts.items():
            zf.writestr(name, body)
    return buf.getvalue()


def liar_docx(path: Path, mb: int) -> Path:
    """A docx whose image part (reached from the document's relationships) declares 1 KB and
    inflates to ``mb`` MB."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes(CYBER))) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/image" Target="media/big.png"/></Relationships>')
    if b'Extension="png"' not in parts["[Content_Types].xml"]:
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>", b'<Default Extension="png" ContentType="image/png"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in parts.items():
            zf.writestr(name, body)
        with zf.open("word/media/big.png", "w") as fh:
            fh.write(b"\x89PNG")
            chunk = bytes(1 << 20)
            for _ in range(mb):
                fh.write(chunk)
    data = bytearray(path.read_bytes())
    real, fake = (4 + mb * (1 << 20)).to_bytes(4, "little"), (1024).to_bytes(4, "little")
    i = 0
    while (i := data.find(real, i)) != -1:
        data[i:i + 4] = fake
        i += 4
    path.write_bytes(bytes(data))
    return path


def one_page_pdf(stream: bytes) -> bytes:
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.7\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)


def full_disk(limit: int = 256) -> Callable[[], None]:
    def apply() -> None:  # each file the run writes may hold `limit` bytes: a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def survey_docs(w: Any, n: int = 3) -> Path:
    docs = w.dir / "docs"
    docs.mkdir()
    for i in range(n):
        (docs / f"d{i}.xbrl").write_bytes(xbrl(f"会社{i}株式会社", f"{7000 + i}", 2024, CYBER[: 1 + i % 3]))
    return docs


# ------------------------------------------------------------------------------ 1. destroys files


@case("lint-o-fifo", "destroy")
def _(w):
    doc, fifo = w.write("t.md", JA), w.dir / "out"
    os.mkfifo(fifo)
    r = w.run("lint", doc, "-o", fifo, "--force", "--timeout", "60", timeout=60)
    w.expect(r.exit == 2 and "not a regular file" in r.stderr, "refused")
    w.expect(stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO is still a FIFO")


@case("lint-o-char-device", "destroy")
def _(w):
    doc, dev = w.write("t.md", JA), w.dir / "null"
    if os.geteuid() == 0:
        os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    else:
        dev.symlink_to("/dev/null")
    r = w.run("lint", doc, "-o", dev, "--force", timeout=60)
    w.expect(r.exit == 2 and "not a regular file" in r.stderr, "refused")
    w.expect(stat.S_ISCHR(os.stat(dev).st_mode), "the device is still a device")


@case("write-baseline-existing", "destroy")
def _(w):
    doc, base = w.write("t.md", JA), w.write("b.json", "{}")
    r = w.run("lint", doc, "--write-baseline", base)
    w.expect(r.exit == 2 and base.read_text() == "{}", "an existing baseline needs --force")


@case("o-onto-config-or-baseline", "destroy")
def _(w):
    doc, cfg = w.write("t.md", JA), w.write("c.toml", 'fail-level = "none"\n')
    base = w.write("b.json", '{"version": 1, "findings": []}\n')
    for args in (("--config", cfg, "-o", cfg), ("--baseline", base, "-o", base), ("--config", cfg, "--write-baseline", cfg)):
        r = w.run("lint", doc, *args, "--force")
        w.expect(r.exit == 2 and "is an input" in r.stderr, f"{args[0]} {args[2]} refused")


@case("draft-full-disk", "destroy")
def _(w):
    old = w.write("old.md", "元の下書き\n" * 10)
    r = w.run("draft", "--doc-type", "csr", "-o", old, "--force", preexec=full_disk(), outputs=(old,))
    w.expect(r.exit == 2 and old.read_text(encoding="utf-8") == "元の下書き\n" * 10, "the old draft is kept whole")


@case("annotate-full-disk", "destroy")
def _(w):
    src = w.write("d.docx", docx_bytes(CYBER))
    out = w.dir / "o.docx"
    r = w.run("lint", src, "--annotate", out, preexec=full_disk(), outputs=(out,), timeout=60)
    w.expect(r.exit == 2 and "cannot write" in r.stderr and not out.exists(), "one line, nothing written")


# ------------------------------------------------------------------------------ 2. blow-ups


@case("html-huge-spans", "blowup")
def _(w):
    doc = w.write("span.html", f"<html><body><p>当社は情報セキュリティ方針を定めています。</p>{SPAN_TABLE}</body></html>")
    r = w.run("extract", "--format", "jsonl", doc)
    w.expect(r.exit == 0 and r.stdout.count("セル") == 50, "50 cells read")


@case("xbrl-huge-spans", "blowup")
def _(w):
    doc = w.write("span.xbrl", xbrl("スパン株式会社", "7203", 2024, CYBER[:1], extra_html=SPAN_TABLE))
    r = w.run("extract", "--format", "jsonl", doc)
    w.expect(r.exit == 0 and r.stdout.count("セル") == 50, "50 cells read")


@case("html-huge-spans-lint", "blowup")
def _(w):
    doc = w.write("span.html", f"<html><body><h1>情報セキュリティ</h1><p>{CYBER[0]}</p>{SPAN_TABLE}</body></html>")
    r = w.run("lint", doc, "--format", "json", timeout=300)
    w.expect(r.exit in (0, 1), "linted")


@case("pdf-3M-text-operators", "blowup")
def _(w):
    doc = w.write("ops.pdf", one_page_pdf(zlib.compress(b"BT /F1 1 Tf " + b"(a) Tj " * 3_000_000 + b"ET", 9)))
    r = w.run("extract", doc)
    w.expect(r.exit == 2 and "text operators" in r.stderr, "refused")


@case("pdf-flate-bomb-3GB", "blowup")
def _(w):
    z = zlib.compressobj(9)
    stream = z.compress(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n")
    for _ in range(3000):
        stream += z.compress(b" " * (1 << 20))
    doc = w.write("bomb.pdf", one_page_pdf(stream + z.flush()))
    r = w.run("extract", doc, timeout=60)
    w.expect(r.exit == 2 and "zip bomb" in r.stderr, "refused")


@case("docx-liar-annotate", "blowup", slow=True)
def _(w):
    src = liar_docx(w.dir / "liar.docx", 1200)
    out = w.dir / "o.docx"
    r = w.run("lint", src, "--annotate", out, "--max-unzip-mb", "5", outputs=(out,), timeout=120)
    w.expect(r.exit == 2 and "word/media/big.png" in r.stderr and not out.exists(), "refused, nothing written")


@case("docx-liar-draft-insert", "blowup", slow=True)
def _(w):
    src = liar_docx(w.dir / "liar.docx", 1200)
    out = w.dir / "o.docx"
    r = w.run("draft", "--doc-type", "csr", "--missing-from", src, "--insert", "-o", out, outputs=(out,), timeout=120)
    w.expect(r.exit == 2 and "word/media/big.png" in r.stderr and not out.exists(), "refused, nothing written")


@case("yaml-alias-bomb-profile", "blowup")
def _(w):
    prof = w.write("bomb.yml", BOMB_YAML)
    r = w.run("draft", "--doc-type", "csr", "--profile", prof)
    w.expect(r.exit == 2 and "aliases are expanded" in r.stderr, "refused")


TEMPLATES = {
    "tpl-3e9-chars": "{{ 'x'*3000000000 }}",
    "tpl-recursive-macro": "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "tpl-recursive-include": "{% include 'csr/_intro.md.j2' %}",
    "tpl-nested-range": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
}


def _template_case(body: str) -> Callable[[Any], None]:
    def run(w):
        w.write("tpl/csr/_intro.md.j2", body)
        r = w.run("draft", "--doc-type", "csr", "--templates", w.dir / "tpl", timeout=60)
        w.expect(r.exit == 2 and "template csr/_intro.md.j2" in r.stderr, "one line naming the template")

    return run


for _name, _body in TEMPLATES.items():
    case(_name, "blowup")(_template_case(_body))


@case("hard-wrapped-1M-lines", "blowup", slow=True)
def _(w):
    line = "当社は情報資産を守るため対策を講じ"  # 16 characters: 1 M lines stay under --max-chars
    doc = w.write("wrapped.txt", "\n".join(line for _ in range(1_000_000)) + "\n")
    r = w.run("extract", doc, "--format", "jsonl", timeout=300)
    w.expect(r.exit in (0, 2), "read or one line")


def _tiny_paragraphs(w: Any, kind: str) -> Path:
    n = 1_000_000
    if kind == "txt":
        return w.write("p1m.txt", "あ\n\n" * n)
    if kind == "html":
        return w.write("p1m.html", "<html><body>" + "<p>あ</p>" * n + "</body></html>")
    body = "".join("<w:p><w:r><w:t>あ</w:t></w:r></w:p>" for _ in range(n))
    data = docx_bytes(["あ"])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml").decode()
    start = xml.index("<w:body>") + len("<w:body>")
    return w.write("p1m.docx", rewrite_zip(data, {"word/document.xml": (xml[:start] + body + xml[start:]).encode()}))


for _kind in ("txt", "html", "docx"):
    for _cmd in ("extract", "lint"):
        def _tiny(w, kind=_kind, cmd=_cmd):
            doc = _tiny_paragraphs(w, kind)
            r = w.run(cmd, doc, "--format", "json" if cmd == "lint" else "jsonl", timeout=300)
            w.expect(r.exit in (0, 1, 2), "finished")
            if r.exit == 2:
                w.expect(len(r.error_lines) >= 1 and all(str(doc) in x for x in r.error_lines[:1]), "one line naming the file")

        case(f"tiny-paragraphs-1M-{_kind}-{_cmd}", "blowup", slow=True)(_tiny)


@case("findings-40k-html-report", "blowup", slow=True)
def _(w):
    doc = w.write("f40k.md", "# 情報セキュリティ\n\n" + "".join(f"当社の対策{i}は万全です。\n\n" for i in range(40_000)))
    out = w.dir / "r.html"
    r = w.run("lint", doc, "--format", "html", "-o", out, outputs=(out,), timeout=300)
    w.expect(r.exit in (0, 1, 2), "report or one line")  # the claims are warnings: exit 0
    if r.exit in (0, 1):
        w.expect("5,000" in out.read_text(encoding="utf-8") or "5000" in out.read_text(encoding="utf-8"), "capped at 5,000 listed")


# ------------------------------------------------------------------------------ 3. hangs


@case("survey-dev-zero-and-fifos", "hang", slow=True)
def _(w):
    docs = survey_docs(w, 1)
    os.mkfifo(docs / "b.pdf")  # a folder holding a FIFO named like a document
    os.mkfifo(w.dir / "f.pdf")
    manifest = w.write("m.csv", f"path,company\n/dev/zero,ゼロ\n{w.dir / 'f.pdf'},ふぃふぉ\n{docs / 'd0.xbrl'},会社\n")
    run = w.dir / "run"
    r = w.run("survey", "run", manifest, docs, "-o", run, "--workers", "1", "-q", outputs=(run,), timeout=300)
    w.expect(r.exit == 2 and r.stderr.count("not a regular file") == 3, "three one-line errors")


@case("config-baseline-fifo-and-dev-zero", "hang")
def _(w):
    doc = w.write("t.md", JA)
    os.mkfifo(w.dir / "fifo.json")
    for target in ("fifo.json", "/dev/zero"):
        w.write(".disclint.toml", f'baseline = "{target}"\n')
        r = w.run("lint", doc, timeout=60)
        w.expect(r.exit == 2 and "not a regular file" in r.stderr, f"baseline {target} refused")


class Server:
    """A TCP server on 127.0.0.1: ``reply`` to every connection (``None``: accept and never answer)."""

    def __init__(self, reply: bytes | None) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.address = f"tcp://127.0.0.1:{self.sock.getsockname()[1]}"
        self.reply, self.held, self.stop = reply, [], threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        self.sock.settimeout(0.3)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            if self.reply:
                try:
                    conn.sendall(self.reply)
                except OSError:
                    pass
            self.held.append(conn)

    def close(self) -> None:
        self.stop.set()
        for c in self.held:
            c.close()
        self.sock.close()


def _dask_server_case(reply: bytes | None) -> Callable[[Any], None]:
    def run(w):
        doc = w.write("a.md", JA)
        server = Server(reply)
        try:  # the default --connect-timeout (45 s) bounds it
            r = w.run("survey", "run", doc, "-o", w.dir / "run", "-q", "--engine", "dask", "--scheduler", server.address,
                      outputs=(w.dir / "run",), wall=45 + 15)
        finally:
            server.close()
        w.expect(r.exit == 2 and "cannot start the engine" in r.stderr, "one line")

    return run


case("dask-silent-scheduler", "hang", slow=True)(_dask_server_case(None))
case("dask-garbage-server", "hang")(_dask_server_case(bytes(range(256)) * 4))
case("dask-http-server", "hang")(_dask_server_case(b"HTTP/1.1 400 Bad Request\r\n\r\n"))


def _scheduler(w: Any, workers: int = 0) -> str:
    """A real Dask scheduler (and ``workers`` workers) for this case, stopped by the harness."""
    if not w.h.dask.exists():
        raise Skip("no dask CLI")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    services = w.service_dir()
    log = services / "scheduler.log"
    env = dict(os.environ, PYTHONPATH=w.h.env.get("PYTHONPATH", ""))
    w.h.services.append(subprocess.Popen([str(w.h.dask), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                         stdout=subprocess.DEVNULL, stderr=log.open("w"), start_new_session=True, env=env))
    deadline = time.monotonic() + 60
    while "Scheduler at" not in log.read_text():
        assert time.monotonic() < deadline, "the scheduler did not start"
        time.sleep(0.3)
    for k in range(workers):
        wlog = services / f"worker{k}.log"
        w.h.services.append(subprocess.Popen([str(w.h.dask), "worker", address, "--nworkers", "1", "--nthreads", "1",
                                              "--no-dashboard", "--local-directory", str(services / f"dw{k}")],
                                             stdout=subprocess.DEVNULL, stderr=wlog.open("w"), start_new_session=True,
                                             env=env, cwd="/"))
        while "Registered to" not in wlog.read_text():
            assert time.monotonic() < deadline + 60, "the worker did not register"
            time.sleep(0.3)
    return address


@case("dask-scheduler-without-worker", "hang", slow=True)
def _(w):
    address = _scheduler(w)
    doc = w.write("a.md", JA)
    r = w.run("survey", "run", doc, "-o", w.dir / "run", "-q", "--engine", "dask", "--scheduler", address,
              optional={"--stall-timeout": "10"}, outputs=(w.dir / "run",), wall=10 + 15)
    w.expect(r.exit == 2 and "no result from the Dask cluster" in r.stderr, "one line after the stall bound")
    w.h.stop_services()


def _relay_case(action: str) -> Callable[[Any], None]:
    def run(w):
        address = _scheduler(w)
        port = int(address.rsplit(":", 1)[1])
        relay = Relay(("127.0.0.1", port), action)
        doc = w.write("a.md", JA)
        try:
            r = w.run("survey", "run", doc, "-o", w.dir / "run", "-q", "--engine", "dask", "--scheduler", relay.address,
                      optional={"--stall-timeout": "10"}, outputs=(w.dir / "run",), wall=10 + 15)
        finally:
            relay.close()
            w.h.stop_services()
        w.expect(r.exit == 2 and ("no result from the Dask cluster" in r.stderr or "connection to the Dask scheduler" in r.stderr),
                 "one line once the scheduler turns silent or hostile")

    return run


for _action in ("freeze", "garbage", "close"):
    case(f"dask-scheduler-{_action}-mid-run", "hang", slow=True)(_relay_case(_action))


# ------------------------------------------------------------------------------ 4. injection


@case("csv-formulas-mathtext-control-chars", "inject", slow=True)
def _(w):
    docs = w.dir / "docs"
    docs.mkdir()
    (docs / "a.xbrl").write_bytes(xbrl("=1+2株式会社", "7203", 2024, CYBER))  # a DEI name that is a formula
    (docs / "b.xbrl").write_bytes(xbrl("みなと化成株式会社", "6301", 2024, CYBER[:2]))
    (docs / "c.xbrl").write_bytes(xbrl("さくら商事株式会社", "8001", 2024, CYBER[1:]))
    buf = io.StringIO()
    wr = csv.writer(buf)
    wr.writerow(["path", "company", "securities_code", "industry", "fiscal_year", "document_type"])
    wr.writerow(["docs/a.xbrl", "", "", FORMULAS[3], "", FORMULAS[4]])
    wr.writerow(["docs/b.xbrl", FORMULAS[0], FORMULAS[2], "$\\frac{1}{$ 機械", "2024", FORMULAS[5]])
    wr.writerow(["docs/c.xbrl", "\x1b[31m$x^2$ 商事\x07", "", FORMULAS[6], "", "=1+2"])
    manifest = w.write("m.csv", buf.getvalue())
    run, out = w.dir / "run", w.dir / "out"
    r = w.run("survey", "run", manifest, "-o", run, "--workers", "1", "-q", outputs=(run,), timeout=600)
    w.expect(r.exit == 0, "surveyed")
    r = w.run("survey", "report", run, "-o", out, outputs=(out,), timeout=600)
    w.expect(r.exit == 0, "reported")
    cells = []
    for f in sorted(out.glob("*.csv")):
        with f.open(encoding="utf-8-sig", newline="") as fh:
            cells += [c for row in csv.reader(fh) for c in row if c]
    w.expect(not [c for c in cells if c[0] in "=+-@\t\r"], "no CSV cell starts like a formula")
    w.expect(not [c for c in cells if any(ord(ch) < 0x20 and ch not in "\t\n\r" for ch in c)], "no control characters in CSV")
    from openpyxl import load_workbook

    wb = load_workbook(out / "survey.xlsx")
    values = [(c.value, c.data_type) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    w.expect(all(dt != "f" for _, dt in values), "no formula in the XLSX")
    strings = {v for v, _ in values if isinstance(v, str)}
    w.expect("-1234" in strings and "'-1234" not in strings, "XLSX text without a visible apostrophe")


@case("terminal-escape-in-text", "inject", slow=True)
def _(w):
    doc = w.write("osc.txt", "当社は情報セキュリティ方針を定めています。\x1b]0;pwned\x07\x1b[2J\x9b31m終わり\n")
    r = w.run("extract", doc)
    w.expect(r.exit == 0 and "\x1b" not in r.stdout and "\x07" not in r.stdout and "\x9b" not in r.stdout, "extract escapes")
    r = w.run("map", doc, timeout=120)
    w.expect("\x1b" not in r.stdout and "\x07" not in r.stdout, "map escapes")


@case("terminal-escape-in-file-name", "inject")
def _(w):
    name = w.dir / "a\x1b[31m\ndisclint: other.pdf: fine.txt"
    r = w.run("extract", name)
    w.expect(r.exit == 2 and "\x1b" not in r.stderr and len(r.stderr.splitlines()) == 1, "one escaped line")


@case("planted-config-ignore-all", "inject", slow=True)
def _(w):
    doc = w.write("third-party/report.md", CLAIM)
    cfg = w.write("third-party/.disclint.toml", 'ignore = ["all"]\n')
    r = w.run("lint", doc, timeout=120)
    w.expect(f"config file: {cfg}" in r.stdout, "the report names the planted config")
    r = w.run("lint", doc, "--isolated", "--format", "json", timeout=120)
    w.expect(r.exit in (0, 1) and "absolute-claim" in r.stdout, "--isolated ignores it")


@case("planted-config-rule-dirs-python", "inject")
def _(w):
    w.write("third-party/evil/truthfulness/x.yml", "id: truthfulness.evil\nextends: python\nquality: truthfulness\n"
            "level: info\npython: 'this:s'\nmessage: {ja: x, en: x}\nexplanation: {ja: x, en: x}\n")
    doc = w.write("third-party/report.md", CLAIM)
    w.write("third-party/.disclint.toml", 'rule-dirs = ["evil"]\n')
    r = w.run("lint", doc, timeout=120)
    w.expect(r.exit == 2 and "rule-dirs" in r.stderr and "Zen of Python" not in r.stdout + r.stderr, "refused, no code ran")


@case("rule-evasion-ignorables", "inject", slow=True)
def _(w):
    chars = ["\u00ad", "\ufe00", "\u034f", "\u200e", "\U000e0041"]
    doc = w.write("n.md", "# 情報セキュリティ\n\n" + "".join(f"当社はサイバー攻撃に対して万{c}全の体制を構築しています。\n\n" for c in chars))
    r = w.run("lint", "--format", "json", "--select", "truthfulness.absolute-claim", doc, timeout=120)
    found = [f["excerpt"] for f in json.loads(r.stdout)["files"][0]["findings"]] if r.exit in (0, 1) else []
    w.expect(found == [f"万{c}全" for c in chars], f"all five caught ({len(found)})")


# ------------------------------------------------------------------------------ 5. crashes -> one line


def _damaged_store(damage: str) -> Callable[[Any], None]:
    def run(w):
        run_dir = w.dir / "run"
        run_dir.mkdir()
        con = sqlite3.connect(run_dir / "survey.sqlite")
        con.execute("CREATE TABLE paths (key TEXT, path TEXT)")
        con.executemany("INSERT INTO paths VALUES (?, ?)", [(f"k{i}", "/x/" + "p" * 200) for i in range(300)])
        con.commit()
        con.close()
        db = run_dir / "survey.sqlite"
        data = bytearray(db.read_bytes())
        if damage == "garbage":
            data = bytearray(b"this is not a database" * 400)
        elif damage == "truncated":
            data = data[: len(data) // 2 + 100]
        else:
            for i in range(50):
                data[4096 + i * 97] ^= 0xFF
        db.write_bytes(bytes(data))
        doc = w.write("a.md", JA)
        r = w.run("survey", "run", doc, "-o", run_dir, "-q", outputs=(run_dir,), timeout=120)
        w.expect(r.exit == 2 and ("damaged" in r.stderr or "cannot" in r.stderr), "one line")

    return run


for _damage in ("garbage", "truncated", "50-flipped-bytes"):
    case(f"survey-store-{_damage}", "crash")(_damaged_store(_damage))


@case("survey-full-disk", "crash", slow=True)
def _(w):
    doc = w.write("a.md", JA)
    run = w.dir / "run"
    r = w.run("survey", "run", doc, "-o", run, "-q", "--workers", "1", preexec=full_disk(20_000), outputs=(run,), timeout=300)
    w.expect(r.exit == 2 and "cannot write the survey database" in r.stderr, "one line")


@case("manifest-nul-and-two-path-columns", "crash")
def _(w):
    w.write("a.md", JA)
    m = w.write("m.csv", "path,company,file\na.md,A社,other.md\n")
    r = w.run("survey", "run", m, "-o", w.dir / "run", "-q", outputs=(w.dir / "run",))
    w.expect(r.exit == 2 and "more than one path column" in r.stderr, "two path columns refused")
    m2 = w.write("m2.csv", "path,company\n\"a\x00.md\",A社\n")
    r = w.run("survey", "run", m2, "-o", w.dir / "run2", "-q", outputs=(w.dir / "run2",))
    w.expect(r.exit == 2 and "NUL" in r.stderr, "NUL refused")


@case("dask-malformed-addresses", "crash")
def _(w):
    doc = w.write("a.md", JA)
    for k, address in enumerate(["tcp://", "tcp://host:notaport", "foo://bar", "::::", "tcp://127.0.0.1:99999"]):
        r = w.run("survey", "run", doc, "-o", w.dir / f"run{k}", "-q", "--engine", "dask", "--scheduler", address,
                  outputs=(w.dir / f"run{k}",), timeout=60)
        w.expect(r.exit == 2 and "invalid Dask scheduler address" in r.stderr, f"{address} one line")


@case("annotate-comment-id-abc", "crash")
def _(w):
    import docx

    d = docx.Document()
    d.add_heading("情報セキュリティ", level=1)
    para = d.add_paragraph(CYBER[0])
    d.add_comment(para.runs, text="既存のコメント", author="査読者")
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        comments = zf.read("word/comments.xml").replace(b'w:id="0"', b'w:id="abc"')
    src = w.write("c.docx", rewrite_zip(buf.getvalue(), {"word/comments.xml": comments}))
    out = w.dir / "o.docx"
    r = w.run("lint", src, "--annotate", out, outputs=(out,), timeout=120)
    w.expect(r.exit == 2 and "cannot open" in r.stderr and not out.exists(), "one line")


@case("map-jsonl-missing-dir-fifo-utf8", "crash")
def _(w):
    bad = w.write("bad.jsonl", '{"id": 1, "text": "当社はCSIRTを設置しています。"}\n'.encode() + b"\xff\xfe\n")
    fifo = w.dir / "f.jsonl"
    os.mkfifo(fifo)
    r = w.run("map", "--input-format", "jsonl", w.dir / "nope.jsonl", w.dir, fifo, bad, timeout=120)
    w.expect(r.exit == 2 and len(r.error_lines) == 4, "four one-line errors")


@case("eval-non-integer-directives", "crash")
def _(w):
    rows = [{"id": "a", "text": "当社はCSIRTを設置しています。", "directives": ["abc"]},
            {"id": "b", "text": "当社はCSIRTを設置しています。", "directives": [1.5]},
            {"id": "d", "text": "当社はCSIRTを設置しています。", "directives": [7]}]
    gold = w.write("g.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    r = w.run("eval", gold, timeout=120)
    w.expect(r.exit == 2 and len(r.error_lines) == 2, "one line per bad row")


@case("rule-option-wrong-type-or-negative", "crash")
def _(w):
    doc = w.write("a.md", JA)
    for value in ("-1", '"abc"'):
        cfg = w.write("c.toml", f'[rules."understandability.sentence-length"]\nmax = {value}\n')
        r = w.run("lint", "--config", cfg, doc, doc)
        w.expect(r.exit == 2 and len(r.error_lines) == 1 and "bad value" in r.stderr, f"max = {value}: one config error")


# ------------------------------------------------------------------------------ 6. survey faults


@case("survey-kill-9-cycles", "survey", slow=True)
def _(w):
    """kill -9 of `survey run` three times while its workers work, then a full run and a rerun:
    no process left, every document once, the rerun changes nothing."""
    docs = survey_docs(w, 8)
    run = w.dir / "run"
    w.outputs.add(run)
    w.snapshot()
    from attack import _processes_with

    for _cycle in range(3):
        env = dict(w.h.base_env(), TMPDIR=str(w.tmp), DISCLINT_ATTACK=w.marker)
        main = subprocess.Popen([*w.h.command, "survey", "run", docs, "-o", run, "--workers", "2", "-q"], env=env,
                                cwd=w.dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 120
        while len(_processes_with(w.marker)) < 4 and time.monotonic() < deadline:
            time.sleep(0.3)
        time.sleep(3)
        main.kill()
        main.wait()
        deadline = time.monotonic() + 15
        while _processes_with(w.marker) and time.monotonic() < deadline:
            time.sleep(0.3)
        w.expect(not _processes_with(w.marker), f"cycle {_cycle + 1}: no process left after kill -9")
    r = w.run("survey", "run", docs, "-o", run, "--workers", "2", "-q", timeout=600)
    w.expect(r.exit == 0, "the resumed run finishes")
    con = sqlite3.connect(run / "survey.sqlite")
    before = con.execute("SELECT key, path, status, findings, coverage_score FROM documents ORDER BY key").fetchall()
    con.close()
    w.expect(len(before) == 8 and all(row[2] == "ok" for row in before), f"8 documents once each ({len(before)})")
    r = w.run("survey", "run", docs, "-o", run, "--workers", "2", "-q", timeout=600)
    con = sqlite3.connect(run / "survey.sqlite")
    after = con.execute("SELECT key, path, status, findings, coverage_score FROM documents ORDER BY key").fetchall()
    con.close()
    w.expect(r.exit == 0 and "0 processed" in r.stderr and after == before, "the rerun changes nothing")


@case("survey-report-kill-9", "survey", slow=True)
def _(w):
    docs = survey_docs(w, 3)
    run, out = w.dir / "run", w.dir / "out"
    r = w.run("survey", "run", docs, "-o", run, "--workers", "1", "-q", outputs=(run,), timeout=600)
    w.expect(r.exit == 0, "surveyed")
    env = dict(w.h.base_env(), TMPDIR=str(w.tmp), DISCLINT_ATTACK=w.marker)
    for _ in range(3):  # kill -9 while the report is being written
        p = subprocess.Popen([*w.h.command, "survey", "report", run, "-o", out], env=env, cwd=w.dir,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 120
        while not list(w.dir.glob(".out.*.tmp")) and p.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        p.kill()
        p.wait()
        if out.exists():
            import shutil

            shutil.rmtree(out)
    r = w.run("survey", "report", run, "-o", out, outputs=(out,), timeout=600)
    w.expect(r.exit == 0, "the next report is written")
    w.expect(not list(w.dir.glob(".out.*.tmp")), "no temporary directory left once a report has run")


@case("survey-two-runs-one-dir", "survey", slow=True)
def _(w):
    docs = survey_docs(w, 6)
    run = w.dir / "run"
    w.outputs.add(run)
    w.snapshot()
    env = dict(w.h.base_env(), TMPDIR=str(w.tmp), DISCLINT_ATTACK=w.marker)
    first = subprocess.Popen([*w.h.command, "survey", "run", docs, "-o", run, "--workers", "1", "-q"], env=env,
                             cwd=w.dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not (run / "survey.sqlite").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        r = w.run("survey", "run", docs, "-o", run, "--workers", "1", "-q", timeout=120)
        w.expect(r.exit == 2 and "another disclint survey run" in r.stderr, "the second run is refused")
    finally:
        first.wait(timeout=600)


@case("survey-rerun-duplicate-rows", "survey", slow=True)
def _(w):
    docs = w.dir / "docs"
    docs.mkdir()
    (docs / "a.xbrl").write_bytes(xbrl("あおば精機株式会社", "7203", 2024, CYBER))
    (docs / "copy.xbrl").write_bytes((docs / "a.xbrl").read_bytes())
    m = w.write("m.csv", "path,company,industry\ndocs/a.xbrl,一行目の会社,輸送用機器\ndocs/copy.xbrl,二行目の会社,機械\n")
    run = w.dir / "run"
    got = []
    for _ in range(2):
        r = w.run("survey", "run", m, "-o", run, "--workers", "1", "-q", outputs=(run,), timeout=600)
        w.expect(r.exit == 0, "surveyed")
        con = sqlite3.connect(run / "survey.sqlite")
        got.append(con.execute("SELECT company, industry FROM documents").fetchall())
        con.close()
    w.expect(got[0] == got[1] == [("一行目の会社", "輸送用機器")], f"the first row's metadata on both runs: {got}")


@case("dask-relative-paths", "survey", slow=True)
def _(w):
    address = _scheduler(w, workers=1)
    survey_docs(w, 2)
    run = w.dir / "run"
    try:
        r = w.run("survey", "run", "docs", "-o", "run", "-q", "--engine", "dask", "--scheduler", address,
                  outputs=(run,), timeout=600)
    finally:
        w.h.stop_services()
    con = sqlite3.connect(run / "survey.sqlite")
    statuses = [s for (s,) in con.execute("SELECT status FROM documents")]
    con.close()
    w.expect(r.exit == 0 and statuses == ["ok", "ok"], f"both documents read by the worker: {statuses}")
