"""Hostile input, end to end: every file is made here (seeded, no binary blobs) and run through
the real CLI (``python -m disclint extract`` / ``lint``) in a subprocess, under a wall-clock
limit and an address-space limit, with its peak RSS measured.

For every file: exit status 0, 1 or 2; no traceback; every stderr line is a ``disclint:`` line;
at most one error line names the file (notes — ``注意:``/``note:`` — are separate); the
run finishes in time. Peak RSS is printed (``pytest -s``) and, with
``DISCLINT_HOSTILE_REPORT=path``, appended as JSON lines (docs/hardening.md has the table).
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

MB = 1024 * 1024
RSS_TARGET = 1536 * MB  # 1.5 GB per run
ADDRESS_SPACE = 4096 * MB  # RLIMIT_AS of the CLI process: a runaway allocation is a MemoryError, not the OOM killer

# Runs the CLI under limits and reports its own children's peak RSS (RUSAGE_CHILDREN of this
# wrapper = the CLI alone, unlike pytest's, which accumulates every subprocess of the session).
WRAPPER = r"""
import json, os, resource, signal, subprocess, sys, time
stats, timeout, address_space, stdout = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
cmd = sys.argv[5:]
def limit():
    os.setsid()
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
t0 = time.monotonic()
with open(stdout, "wb") as out:
    p = subprocess.Popen(cmd, stdout=out, preexec_fn=limit)
    try:
        rc, timed_out = p.wait(timeout=timeout), False
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        rc, timed_out = p.wait(), True
elapsed = time.monotonic() - t0
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
with open(stats, "w") as fh:
    json.dump({"rc": rc, "seconds": round(elapsed, 2), "peak_rss": peak, "timed_out": timed_out}, fh)
"""


@dataclass
class Run:
    rc: int
    seconds: float
    peak_rss: int
    timed_out: bool
    stderr: str
    stdout_path: Path

    @property
    def stdout(self) -> str:
        return self.stdout_path.read_text(encoding="utf-8", errors="replace")


def run_limited(args: list, tmp: Path, *, timeout: float, name: str) -> Run:
    stats, out = tmp / f"{name}.stats.json", tmp / f"{name}.stdout"
    env = dict(os.environ)
    env.pop("DISCLINT_LANG", None)
    cmd = [sys.executable, "-c", WRAPPER, str(stats), str(timeout), str(ADDRESS_SPACE), str(out),
           sys.executable, "-m", "disclint", "--lang", "en", *map(os.fsdecode, args)]
    proc = subprocess.run(cmd, stderr=subprocess.PIPE, env=env, timeout=timeout + 60)
    s = json.loads(stats.read_text())
    return Run(s["rc"], s["seconds"], s["peak_rss"], s["timed_out"], proc.stderr.decode("utf-8", "replace"), out)


def record(case: str, command: str, run: Run) -> None:
    line = {"case": case, "command": command, "rc": run.rc, "seconds": run.seconds, "peak_rss_mb": round(run.peak_rss / MB)}
    print(f"\n[hostile] {case:<28} {command:<8} exit {run.rc}  {run.seconds:6.2f} s  peak RSS {line['peak_rss_mb']:5d} MB")
    report = os.environ.get("DISCLINT_HOSTILE_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")


def error_lines(stderr: str, path: Path) -> list[str]:
    prefix = f"disclint: {os.fsdecode(path)}: "
    return [l for l in stderr.splitlines() if l.startswith(prefix) and not l[len(prefix):].startswith(("note:", "注意:"))]


def check_run(run: Run, paths: list[Path], limit: float) -> None:
    assert not run.timed_out, f"killed after {limit} s"
    assert run.rc in (0, 1, 2), (run.rc, run.stderr[-2000:])
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    for line in run.stderr.splitlines():
        assert line.startswith("disclint: ") or line == "" or "files" in line or "ファイル" in line, line
    for p in paths:
        assert len(error_lines(run.stderr, p)) <= 1, run.stderr
    assert run.peak_rss < RSS_TARGET, f"peak RSS {run.peak_rss / MB:.0f} MB"
    with run.stdout_path.open("rb") as fh:  # no external entity was ever resolved
        assert b"root:x:0:0" not in fh.read(64 * MB)


# ---------------------------------------------------------------------------------------------
# generators
# ---------------------------------------------------------------------------------------------

SENTENCES = [
    "３【事業等のリスク】",
    "(1) 情報セキュリティについて",
    "当社グループは、ランサムウェア等のサイバー攻撃に備え、ＣＳＩＲＴを設置しています。",
    "取締役会は四半期ごとに報告を受け、ISO/IEC 27001 に基づく管理策を見直しています。",
]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    b"</Relationships>"
)


def document_xml(paragraphs: list[str] | None = None, *, prolog: str = "", body: str | None = None) -> bytes:
    if body is None:
        body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in (paragraphs or SENTENCES))
    return f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'.encode()


def make_docx(path: Path, document: bytes | None = None, extra: dict[str, bytes] | None = None,
              compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", document if document is not None else document_xml())
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def docx_bomb(path: Path, size_mb: int) -> Path:
    """A docx whose document.xml inflates to ``size_mb`` MB (streamed: never in memory here)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("_rels/.rels", RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(document_xml()[:-len("</w:body></w:document>")])
            chunk = b" " * MB
            for _ in range(size_mb):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
    return path


def lying_zip_bomb(path: Path) -> Path:
    """document.xml declares 1 KB uncompressed but inflates to 64 MB (sizes patched in both headers)."""
    payload = document_xml()[:-22] + b" " * (64 * MB) + b"</w:body></w:document>"
    make_docx(path, payload)
    data = bytearray(path.read_bytes())
    real = len(payload).to_bytes(4, "little")
    fake = (1024).to_bytes(4, "little")
    i = 0
    while (i := data.find(real, i)) != -1:  # uncompressed-size fields of the local and central headers
        data[i:i + 4] = fake
        i += 4
    path.write_bytes(bytes(data))
    return path


def zip_with_member(path: Path, member: str, data: bytes, base: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, content in base.items():
            zf.writestr(name, content)
        zf.writestr(zipfile.ZipInfo(member), data)
    return path


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
XXE_PARAM = '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]>'


def xbrl_instance(prolog: str = "", body: str = "&lol9;") -> bytes:
    import html

    risks = html.escape("<p>" + "</p><p>".join(SENTENCES) + "</p>", quote=False)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        '<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" '
        'xmlns:jpcrp_cor="http://disclosure.edinet-fsa.go.jp/taxonomy/jpcrp/2024-11-01/jpcrp_cor">'
        '<xbrli:context id="FilingDateInstant"><xbrli:entity><xbrli:identifier scheme="x">E1</xbrli:identifier>'
        "</xbrli:entity><xbrli:period><xbrli:instant>2025-06-27</xbrli:instant></xbrli:period></xbrli:context>"
        f'<jpcrp_cor:BusinessRisksTextBlock contextRef="FilingDateInstant">{risks}{body}</jpcrp_cor:BusinessRisksTextBlock>'
        "</xbrli:xbrl>"
    ).encode()


def _cjk_canvas(target, **kw):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    return canvas.Canvas(target, **kw)


def sample_pdf(path: Path | None = None, pages: int = 2) -> bytes:
    buf = io.BytesIO()
    c = _cjk_canvas(buf, invariant=1)
    for n in range(pages):
        c.setFont("HeiseiMin-W3", 11)
        y = 760
        for s in SENTENCES * 3:
            c.drawString(60, y, s)
            y -= 18
        c.drawString(290, 30, f"- {n + 1} -")
        c.showPage()
    c.save()
    if path is not None:
        path.write_bytes(buf.getvalue())
    return buf.getvalue()


def one_char_pages(path: Path, pages: int) -> Path:
    c = _cjk_canvas(str(path))
    for _ in range(pages):
        c.setFont("HeiseiMin-W3", 12)
        c.drawString(72, 700, "あ")
        c.showPage()
    c.save()
    return path


def cid_text_pages(path: Path, pages: int = 20) -> Path:
    """Pages whose only text is ``(cid:NNN)`` placeholders, as a broken extraction prints them."""
    from reportlab.pdfgen import canvas

    rng = random.Random(7)
    c = canvas.Canvas(str(path))
    for _ in range(pages):
        c.setFont("Helvetica", 9)
        for row in range(60):
            c.drawString(40, 800 - 12 * row, "".join(f"(cid:{rng.randrange(1, 9000)})" for _ in range(9)))
        c.showPage()
    c.save()
    return path


def rotated_and_vertical(path: Path) -> Path:
    c = _cjk_canvas(str(path))
    for rotation in (90, 180, 270):  # reportlab turns the media box to landscape for 90/270
        c.setPageRotation(rotation)
        c.setFont("HeiseiMin-W3", 12)
        for i, s in enumerate(SENTENCES):
            c.drawString(60, 500 - 20 * i, s)
        c.showPage()
    c.setPageRotation(0)
    c.setFont("HeiseiMin-W3", 12)  # text turned by 90° on an upright page
    c.saveState()
    c.translate(300, 100)
    c.rotate(90)
    for i, s in enumerate(SENTENCES):
        c.drawString(0, -20 * i, s)
    c.restoreState()
    c.showPage()
    c.setFont("HeiseiMin-W3", 14)  # 縦書き: characters stacked top to bottom, columns right to left
    for col, s in enumerate(SENTENCES * 2):
        for row, ch in enumerate(s[:45]):
            c.drawString(520 - 22 * col, 790 - 16 * row, ch)
    c.showPage()
    c.save()
    return path


def _raw_pdf(content: bytes, tounicode: bytes) -> bytes:
    """One Helvetica page whose ToUnicode map is ``tounicode`` (hand-written: reportlab cannot)."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(tounicode) + tounicode + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def surrogate_pdf(path: Path) -> Path:
    """A ToUnicode map sending 'A' to a lone low surrogate (U+DD00): found by fuzzing, it made
    ``extract`` die with UnicodeEncodeError while printing and ``lint`` fail in the chunker."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe)"
        b" /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def"
        b" 1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <41> <DD00> endbfchar"
        b" endcmap CMapName currentdict /CMapResource defineresource pop end end"
    )
    text = b"(This is a normal sentence with the letter A inside it, and more words follow here.)"
    path.write_bytes(_raw_pdf(b"BT /F1 12 Tf 72 700 Td " + text + b" Tj ET", cmap))
    return path


def truncations(data: bytes, seed: int, n: int) -> list[bytes]:
    rng = random.Random(seed)
    return [data[: rng.randrange(16, len(data))] for _ in range(n)]


def bit_flips(data: bytes, seed: int, n: int, flips: int = 40) -> list[bytes]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        b = bytearray(data)
        for _ in range(flips):
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
        out.append(bytes(b))
    return out


def docx_200k_paragraphs(path: Path, n: int = 200_000) -> Path:
    rng = random.Random(3)
    words = ["当社は", "情報セキュリティ", "委員会を", "設置し", "定期的に", "見直している。", "リスク", "管理"]
    paras = "".join(f"<w:p><w:r><w:t>{''.join(rng.choice(words) for _ in range(4))}</w:t></w:r></w:p>" for _ in range(n))
    return make_docx(path, document_xml(body=paras))


# ---------------------------------------------------------------------------------------------
# cases: name -> builder(dir) returning the file(s); expectation "ok", "error" or None (either)
# ---------------------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    build: Callable[[Path], list[Path]]
    expect: str | None = None  # "ok": read without an error line; "error": exactly one error line
    message: str | None = None  # part of the (English) error message
    timeout: float = 60
    slow: bool = False
    lint: bool = True
    group: str | None = None  # cases of one group share one extract run (measured together)


def _one(name: str, data: bytes) -> Callable[[Path], list[Path]]:
    def build(d: Path) -> list[Path]:
        p = d / name
        p.write_bytes(data)
        return [p]

    return build


def _many(stem: str, ext: str, blobs: Callable[[], list[bytes]]) -> Callable[[Path], list[Path]]:
    def build(d: Path) -> list[Path]:
        out = []
        for i, data in enumerate(blobs()):
            p = d / f"{stem}{i}{ext}"
            p.write_bytes(data)
            out.append(p)
        return out

    return build


def _docx_bytes(**kw) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", kw.pop("compression", zipfile.ZIP_DEFLATED)) as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", kw.get("document", document_xml()))
        for name, data in kw.get("extra", {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


JA = "\n".join(SENTENCES) + "\n\n当社は情報セキュリティ基本方針を定め、全従業員に周知しています。\n"
STYLES_BOMB = (f'<?xml version="1.0"?>{BILLION_LAUGHS}<w:styles xmlns:w="{W_NS}"><w:style w:styleId="x">'
               "<w:name w:val=\"&lol9;\"/></w:style></w:styles>").encode()
CORE_XXE = (f'<?xml version="1.0"?>{XXE}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&xxe;</dc:title>'
            "</cp:coreProperties>").encode()
CANONICAL_SURROGATE = json.dumps({
    "facts": {"f1": {"dimensions": {"concept": "jpcrp_cor:BusinessRisksTextBlock", "period": {"instant": "2025-06-27"}},
                     "source": {"line": 1}, "source_context_ref": "FilingDateInstant", "nil": False,
                     "value": "<p>３【事業等のリスク】</p><p>当社は情報セキュリティ\ud800委員会を設置しています。</p>"}}},
    ensure_ascii=True).encode()

CASES = [
    # --- random damage to real formats (seeded) ---
    Case("pdf-truncated", _many("trunc", ".pdf", lambda: truncations(sample_pdf(), 1, 6)), group="damaged-pdf-and-docx"),
    Case("pdf-bitflipped", _many("flip", ".pdf", lambda: bit_flips(sample_pdf(), 2, 6)), group="damaged-pdf-and-docx"),
    Case("docx-truncated", _many("trunc", ".docx", lambda: truncations(_docx_bytes(), 3, 6)), group="damaged-pdf-and-docx"),
    Case("docx-bitflipped", _many("flip", ".docx", lambda: bit_flips(_docx_bytes(compression=zipfile.ZIP_STORED), 4, 6, 20)), group="damaged-pdf-and-docx"),
    # --- containers ---
    Case("docx-zip-bomb-520MB", lambda d: [docx_bomb(d / "bomb.docx", 520)], "error", "possible zip bomb"),
    Case("docx-lying-sizes-64MB", lambda d: [lying_zip_bomb(d / "liar.docx")], "error"),
    Case("docx-dotdot-member", lambda d: [zip_with_member(d / "slip.docx", "../../evil.xml", b"<x/>",
         {"[Content_Types].xml": CT, "_rels/.rels": RELS, "word/document.xml": document_xml()})], "error", "unsafe path", group="zip-dotdot-members"),
    Case("xbrl-zip-dotdot-member", lambda d: [zip_with_member(d / "S100SLIP.zip", "XBRL/PublicDoc/../../../x.xbrl",
         xbrl_instance(body=""), {"XBRL/PublicDoc/a.xbrl": xbrl_instance(body="")})], "error", group="zip-dotdot-members"),
    # --- XML entities ---
    Case("docx-xxe-document", _one("xxe.docx", _docx_bytes(document=document_xml(prolog=XXE, body="<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>"))), "error", "DTD", group="xml-entities"),
    Case("docx-billion-laughs-styles", _one("lol.docx", _docx_bytes(extra={"word/styles.xml": STYLES_BOMB})), None, group="xml-entities"),
    Case("docx-xxe-core-properties", _one("core.docx", _docx_bytes(extra={"docProps/core.xml": CORE_XXE})), None, group="xml-entities"),
    Case("docx-dtd-after-64KB", _one("late.docx", _docx_bytes(document=document_xml(prolog="<!--" + "x" * 70000 + "-->" + XXE))), "error", "DTD", group="xml-entities"),
    Case("xbrl-billion-laughs", _one("lol.xbrl", xbrl_instance(BILLION_LAUGHS)), "error", "DTD", group="xml-entities"),
    Case("xbrl-xxe", _one("xxe.xbrl", xbrl_instance(XXE, "&xxe;")), "error", "DTD", group="xml-entities"),
    Case("xbrl-xxe-parameter-entity", _one("param.xbrl", xbrl_instance(XXE_PARAM, "")), "error", "DTD", group="xml-entities"),
    Case("xbrl-utf16-billion-laughs", _one("u16.xbrl", xbrl_instance(BILLION_LAUGHS).decode().replace(
        'encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")), None, group="xml-entities"),
    Case("html-xxe", _one("xxe.html", f'<?xml version="1.0"?>{XXE}<html><body><p>&xxe;</p><p>{SENTENCES[2]}</p></body></html>'.encode()), None, group="xml-entities"),
    # --- PDFs ---
    Case("pdf-2500-pages-over-limit", lambda d: [one_char_pages(d / "p2500.pdf", 2500)], "error", "exceed the limit"),
    Case("pdf-cid-garbage-text", lambda d: [cid_text_pages(d / "cid.pdf")], None, group="pdf-garbage-and-surrogates"),
    Case("pdf-rotated-and-vertical", lambda d: [rotated_and_vertical(d / "rot.pdf")], "ok"),
    Case("pdf-lone-surrogate-tounicode", lambda d: [surrogate_pdf(d / "surrogate.pdf")], "ok", group="pdf-garbage-and-surrogates"),
    # --- text encodings and characters ---
    Case("text-cp932", _one("sjis.txt", JA.encode("cp932")), "ok", group="encodings-and-characters"),
    Case("text-euc-jp", _one("euc.txt", JA.encode("euc_jp")), "ok", group="encodings-and-characters"),
    Case("text-utf16-bom", _one("u16bom.txt", JA.encode("utf-16")), "ok", group="encodings-and-characters"),
    Case("text-utf16le-no-bom", _one("u16le.txt", JA.encode("utf-16-le")), "ok", group="encodings-and-characters"),
    Case("text-utf16be-no-bom", _one("u16be.txt", JA.encode("utf-16-be")), "ok", group="encodings-and-characters"),
    Case("text-utf8-bom", _one("u8bom.txt", b"\xef\xbb\xbf" + JA.encode()), "ok", group="encodings-and-characters"),
    Case("text-mixed-line-endings", _one("eol.txt", JA.replace("\n", "\r\n", 2).replace("\n\n", "\r\r").encode()), "ok", group="encodings-and-characters"),
    Case("text-zero-width-and-controls", _one("zw.txt", ("\u200b\u200c\u200d\ufeff\u2060\x07\x1b[31m\x0b\x0c\u202e"
         + JA.replace("、", "\u200b、\x08")).encode()), None, group="encodings-and-characters"),
    Case("text-utf8-encoded-surrogates", _one("sur8.txt", JA.encode() + b"\xed\xa0\x80\xed\xb0\x80"), "error", "encoding", group="encodings-and-characters"),
    Case("text-utf16-lone-surrogate", _one("sur16.txt", b"\xff\xfe" + JA.encode("utf-16-le") + b"\x00\xd8A\x00"), "error", "encoding", group="encodings-and-characters"),
    Case("text-surrogateescape-filename", _one(os.fsdecode(b"\xff\xfe-\x80.txt"), JA.encode()), "ok", group="encodings-and-characters"),
    Case("text-nfd-kana", _one("nfd.txt", __import__("unicodedata").normalize("NFD", JA + "ガバナンス・データベース・プログラム\n").encode()), "ok", group="encodings-and-characters"),
    Case("json-escaped-lone-surrogate", _one("dump.json", CANONICAL_SURROGATE), None, group="encodings-and-characters"),
    Case("html-surrogate-char-ref", _one("ref.html", f"<html><body><p>{SENTENCES[2]}&#xD800;&#xDFFF;&#0;&#x110000;</p></body></html>".encode()), None, group="encodings-and-characters"),
    # --- big ones ---
    Case("pdf-1999-pages-one-char", lambda d: [one_char_pages(d / "p1999.pdf", 1999)], "ok", timeout=120, slow=True),
    Case("text-50MB-one-paragraph", lambda d: [_big_paragraph(d / "para50.txt")], "ok", timeout=120, slow=True, lint=False),
    Case("docx-200k-paragraphs", lambda d: [docx_200k_paragraphs(d / "p200k.docx")], "ok", timeout=180, slow=True, lint=False),
]


def _big_paragraph(path: Path, size: int = 50 * MB) -> Path:
    """50 MB of UTF-8 Japanese with no line break: one paragraph, one block."""
    rng = random.Random(5)
    alphabet = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん漢字本日天気晴、"
    unit = "".join(rng.choice(alphabet) for _ in range(1 << 20)).encode()  # 3 MB
    with path.open("wb") as fh:
        left = size
        while left > 0:
            piece = unit[: min(left, len(unit))]
            piece = piece[: len(piece) // 3 * 3]
            fh.write(piece)
            left -= len(unit)
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build each case's files once per module (the lint batch reuses them)."""
    root = tmp_path_factory.mktemp("hostile")
    cache: dict[str, list[Path]] = {}

    def get(case: Case) -> list[Path]:
        if case.name not in cache:
            d = root / case.name
            d.mkdir()
            cache[case.name] = case.build(d)
        return cache[case.name]

    return get


def _groups() -> list:
    groups: dict[str, list[Case]] = {}
    for c in CASES:
        groups.setdefault(c.group or c.name, []).append(c)
    return [pytest.param(cases, id=name, marks=[pytest.mark.slow] if any(c.slow for c in cases) else [])
            for name, cases in groups.items()]


@pytest.mark.parametrize("cases", _groups())
def test_extract_survives_hostile_input(cases: list[Case], built, tmp_path):
    files = {c.name: built(c) for c in cases}
    paths = [p for ps in files.values() for p in ps]
    limit = max(c.timeout for c in cases)
    before = {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in paths}
    run = run_limited(["extract", "--format", "jsonl", *paths], tmp_path, timeout=limit, name="extract")
    record(cases[0].group or cases[0].name, "extract", run)
    check_run(run, paths, limit)
    for case in cases:
        for p in files[case.name]:
            errors = error_lines(run.stderr, p)
            if case.expect == "ok":
                assert not errors, (case.name, run.stderr)
                assert f'"file": {json.dumps(os.fsdecode(p), ensure_ascii=False)}' in run.stdout_path.read_bytes().decode(
                    "utf-8", "surrogateescape"), case.name
            elif case.expect == "error":
                assert len(errors) == 1, (case.name, run.stderr)
                if case.message:
                    assert case.message in errors[0], errors[0]
    assert {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in paths} == before  # inputs untouched


def test_lint_survives_every_hostile_input_in_one_batch(built, tmp_path):
    """``lint`` over all the small hostile files at once (GiNZA is loaded once): one error line at
    most per file, the good ones are linted, the batch finishes."""
    cases = [c for c in CASES if not c.slow and c.lint]
    paths = [p for c in cases for p in built(c)]
    run = run_limited(["lint", "--format", "json", *paths], tmp_path, timeout=240, name="lint")
    record(f"all {len(paths)} small files", "lint", run)
    check_run(run, paths, 240)
    # file names that are not UTF-8 are written back as their original bytes
    linted = {f["path"] for f in json.loads(run.stdout_path.read_bytes().decode("utf-8", "surrogateescape"))["files"]}
    for c in cases:
        for p in built(c):
            if c.expect == "ok":
                assert not error_lines(run.stderr, p), run.stderr
            elif c.expect == "error":
                assert len(error_lines(run.stderr, p)) == 1, run.stderr
            if c.expect == "ok":
                assert os.fsdecode(p) in linted


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in CASES if c.slow and c.lint], ids=lambda c: c.name)
def test_lint_survives_big_inputs(case: Case, built, tmp_path):
    paths = built(case)
    run = run_limited(["lint", *paths], tmp_path, timeout=case.timeout, name="lint")
    record(case.name, "lint", run)
    check_run(run, paths, case.timeout)
    assert not any(error_lines(run.stderr, p) for p in paths), run.stderr


@pytest.mark.slow
def test_lint_memory_does_not_grow_with_every_security_paragraph(tmp_path):
    """40,000 paragraphs, ≈ 16,000 of them about information security, all mapped. Each mapped
    passage once kept its 300 word-vector features as dict entries until the whole document was
    done (≈ 33 KB each): the 200,000-paragraph docx died of MemoryError at 3.7 GB. Features are
    now dense and dropped once a passage is decided: ≈ 530 MB here (model included)."""
    path = docx_200k_paragraphs(tmp_path / "p40k.docx", n=40_000)
    run = run_limited(["lint", path], tmp_path, timeout=300, name="lint40k")
    record("docx-40k-security-paragraphs", "lint", run)
    check_run(run, [path], 300)
    assert run.rc in (0, 1) and not error_lines(run.stderr, path), run.stderr
    assert run.peak_rss < 800 * MB, f"peak RSS {run.peak_rss / MB:.0f} MB"


@pytest.mark.slow
def test_lint_of_a_50MB_paragraph_ends_in_one_line_or_a_report(built, tmp_path):
    """50 MB of one paragraph: depending on the machine, linting it ends within ``--timeout`` or
    is stopped by it. Either way the file gets a report or exactly one line, no traceback, bounded
    memory, and the other files are still linted. (That the timeout certainly fires is tested
    below with a check that never returns; this test must not depend on the machine's speed.)"""
    big = built(next(c for c in CASES if c.name == "text-50MB-one-paragraph"))[0]
    good = tmp_path / "good.txt"
    good.write_text(JA, encoding="utf-8")
    run = run_limited(["lint", "--timeout", "15", good, big, good], tmp_path, timeout=120, name="lint")
    record("text-50MB-one-paragraph", "lint", run)
    check_run(run, [big, good], 120)
    lines = error_lines(run.stderr, big)
    if lines:
        (line,) = lines
        assert "time limit of 15 s" in line
        assert run.rc == 2
    assert not error_lines(run.stderr, good)
    assert str(good) in run.stdout


_NEVER_RETURNS = '''
import time


def check(ctx, check):
    """Blocks forever on a document that asks for it (the marker below), like a runaway check."""
    if any("停止試験" in b.text for b in ctx.doc.blocks):
        while True:
            time.sleep(1)
    return []
'''

_NEVER_RETURNS_RULE = """id: relevance.never-returns
extends: python
python: never_returns:check
quality: relevance
level: info
message:
  ja: "なし"
  en: "none"
explanation:
  ja: "試験用のルール"
  en: "a rule for this test"
"""


def test_the_timeout_stops_a_check_that_never_returns(tmp_path, monkeypatch):
    """``--timeout`` certainly fires, whatever the machine's speed: a (user) check that never
    returns is stopped with one line for that file, and the next file is still linted."""
    (tmp_path / "never_returns.py").write_text(_NEVER_RETURNS, encoding="utf-8")
    rule_dir = tmp_path / "my-rules" / "relevance"
    rule_dir.mkdir(parents=True)
    (rule_dir / "never-returns.yml").write_text(_NEVER_RETURNS_RULE, encoding="utf-8")
    config = tmp_path / ".disclint.toml"
    config.write_text('rule-dirs = ["my-rules"]\n', encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")])))
    stuck = tmp_path / "stuck.txt"
    stuck.write_text(JA + "停止試験\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(JA, encoding="utf-8")
    run = run_limited(["lint", "--config", config, "--timeout", "5", stuck, good], tmp_path, timeout=120, name="lint-stuck")
    check_run(run, [stuck, good], 120)
    assert run.rc == 2
    (line,) = error_lines(run.stderr, stuck)
    assert "time limit of 5 s" in line
    assert not error_lines(run.stderr, good)
    assert str(good) in run.stdout


# ---------------------------------------------------------------------------------------------
# regression tests for what the hostile suite and the fuzzers found (fast, in process)
# ---------------------------------------------------------------------------------------------


def test_lone_surrogates_from_a_tounicode_map_become_replacement_characters(tmp_path):
    """Fuzzing (fuzz_pdf, crash-e5283ce1…): PDFium returns lone surrogates for a broken
    ToUnicode map; ``extract`` died printing them and ``lint`` in the SudachiPy chunker."""
    from disclint.readers import read
    from disclint.text.segment import chunk_spans

    doc = read(surrogate_pdf(tmp_path / "s.pdf"))
    text = "".join(b.text for b in doc.blocks)
    assert "\ufffd" in text and not any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    for b in doc.blocks:
        chunk_spans(b.text)
        b.text.encode("utf-8")


def test_lone_surrogate_escapes_in_canonical_json_are_replaced(tmp_path):
    from disclint.readers import read

    p = tmp_path / "dump.json"
    p.write_bytes(CANONICAL_SURROGATE)
    doc = read(p)
    assert any("情報セキュリティ\ufffd委員会" in b.text for b in doc.blocks)
    for b in doc.blocks:
        b.text.encode("utf-8")
        "".join(b.location.section).encode("utf-8")


def test_scrub_surrogates_clears_text_sections_metadata_notes_and_the_cached_norm():
    from disclint.model.document import Block, BlockKind, Document, Location, ReaderNote
    from disclint.readers import replace_lone_surrogates, scrub_surrogates

    b = Block(BlockKind.PARAGRAPH, "a\ud800b", Location(file="f", section=("見出し\udfff",)))
    assert b.norm.text == "a\ud800b"  # cached before the scrub
    doc = Document("f", "text", [b], {"title": "t\udc80", "pages": 3}, [ReaderNote("note.x", params={"p": "\ud801"})])
    scrub_surrogates(doc)
    assert b.text == "a\ufffdb" and b.norm.text == "a\ufffdb" and b.location.section == ("見出し\ufffd",)
    assert doc.metadata == {"title": "t\ufffd", "pages": 3} and doc.notes[0].params == {"p": "\ufffd"}
    assert replace_lone_surrogates("😀\ud83d") == "😀\ufffd"  # a valid pair is kept


def test_a_zip_member_lying_about_its_size_is_never_inflated_in_full(tmp_path):
    """zipfile.read() inflated the whole 64 MB stream of a member declaring 1 KB before
    cutting it (peak RSS 162 MB); read_member now inflates in 1 MB steps."""
    import tracemalloc

    from disclint.model.errors import InputError
    from disclint.readers import read

    path = lying_zip_bomb(tmp_path / "liar.docx")
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as info:
            read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert info.value.code == "input.corrupt_docx"
    assert peak < 16 * MB, f"{peak / MB:.0f} MB"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_dtd_in_utf16_or_utf32_xml_is_refused_like_in_utf8(tmp_path, codec):
    """The byte check for ``<!DOCTYPE`` missed UTF-16 XML: libxml2 then started expanding the
    billion laughs and stopped with an amplification error instead of the XXE message."""
    from disclint.model.errors import InputError
    from disclint.readers import read

    p = tmp_path / "u.xbrl"
    p.write_bytes(xbrl_instance(BILLION_LAUGHS).decode().replace('encoding="UTF-8"', f'encoding="{codec.upper()}"').encode(codec))
    with pytest.raises(InputError) as info:
        read(p)
    assert info.value.code == "input.xml_forbidden"


def test_non_utf8_file_names_are_printed_as_their_bytes_even_with_strict_stdout(tmp_path):
    """A file name that is not UTF-8 arrives as a surrogateescape string; with a strict stdout
    (e.g. PYTHONIOENCODING=utf-8:strict, or a UTF-8 locale other than C.UTF-8) printing it failed."""
    name = os.fsdecode(b"\xff\xfe-\x80.txt")
    p = tmp_path / name
    p.write_text(JA, encoding="utf-8")
    missing = tmp_path / os.fsdecode(b"\xfe-missing.txt")
    env = dict(os.environ, PYTHONIOENCODING="utf-8:strict")
    r = subprocess.run([sys.executable, "-m", "disclint", "--lang", "en", "extract", os.fsencode(p), os.fsencode(missing)],
                       capture_output=True, env=env, timeout=120)
    assert r.returncode == 2
    assert b"Traceback" not in r.stderr
    assert b"# " + os.fsencode(p) in r.stdout
    assert r.stderr.count(b"\n") == 1 and os.fsencode(missing) + b": file not found" in r.stderr


@pytest.mark.slow
def test_map_jsonl_with_a_lone_surrogate_escape_does_not_crash(run_cli):
    r = run_cli("--lang", "en", "map", "--input-format", "jsonl", "-",
                input='{"id": 1, "text": "当社は情報セキュリティ委員会を設置\\ud800している。"}\n')
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert json.loads(r.stdout.splitlines()[0])["id"] == 1


if __name__ == "__main__":  # python tests/test_hostile.py [--lint]: one CLI run per file, a Markdown table
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        commands = ["extract", "lint"] if "--lint" in sys.argv else ["extract"]
        print("| case | file | command | exit | seconds | peak RSS (MB) | stderr (first error line) |")
        print("|---|---|---|---|---|---|---|")
        for case in CASES:
            d = root / case.name
            d.mkdir()
            for path in case.build(d):
                for command in commands:
                    args = [command, "--format", "jsonl" if command == "extract" else "text", path]
                    run = run_limited(args, root, timeout=case.timeout * 3, name="m")
                    errors = error_lines(run.stderr, path)
                    msg = errors[0].split(": ", 2)[-1][:90].replace("|", "\\|") if errors else ""
                    if run.timed_out:
                        msg = f"killed after {case.timeout * 3} s"
                    print(f"| {case.name} | {ascii(path.name)[1:-1]} | {command} | {run.rc} | {run.seconds:.2f} | "
                          f"{run.peak_rss / MB:.0f} | {msg} |", flush=True)
