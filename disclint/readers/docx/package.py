"""The docx container: sniffing, the zip's parts and their relationships (through
:mod:`disclint.readers._safe`), and the OLE2 files (encrypted docx, legacy .doc) named .docx."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from ...model.errors import InputError
from .. import _safe
from .ooxml import REL_NS

MAIN_PART = "word/document.xml"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_docx(head: bytes, path: Path) -> bool:
    """A zip whose members include ``word/document.xml``.

    The local header of ``word/document.xml`` is usually within the first 8 KB; when it is
    not (a big first member), the zip's central directory is read (no member is inflated).
    """
    if not head.startswith(b"PK\x03\x04"):
        return False
    if b"word/document.xml" in head:
        return True
    try:
        with zipfile.ZipFile(path) as zf:
            names = {n.replace("\\", "/").lower() for n in zf.namelist()}
    except Exception:  # not a readable zip: let the other readers / the extension decide
        return False
    if MAIN_PART in names:
        return True
    return "[content_types].xml" in names and any(n.startswith("word/") and n.endswith(".xml") for n in names)


class _Package:
    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.names = {i.filename.replace("\\", "/").lower(): i.filename for i in zf.infolist()}

    def has(self, name: str) -> bool:
        return name.lower() in self.names

    def xml(self, name: str) -> etree._Element:
        data = _safe.read_member(self.zf, self.names[name.lower()], "input.corrupt_docx")
        try:
            return _safe.parse_xml(data)
        except InputError as exc:
            if exc.code == "input.xml_invalid":
                raise InputError("input.corrupt_docx", reason=f"{name}: {exc.params.get('reason', '')}") from exc
            raise

    def rels(self, part: str) -> dict[str, str]:
        """Relationship type suffix (``officeDocument``, ``styles`` ...) -> target part name."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return {}
        try:
            root = self.xml(rels_name)
        except InputError as exc:
            if exc.code == "input.xml_forbidden":
                raise
            return {}  # broken relationships: fall back to the conventional part names
        out: dict[str, str] = {}
        for rel in root.iter(f"{{{REL_NS}}}Relationship"):
            target, rtype = rel.get("Target"), rel.get("Type") or ""
            if not target or rel.get("TargetMode") == "External":
                continue
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out.setdefault(rtype.rsplit("/", 1)[-1], name)
        return out


def _legacy_container_error(path: Path) -> InputError | None:
    """A Compound File (OLE2) named .docx: an encrypted docx or an old .doc."""
    try:
        with path.open("rb") as fh:
            if fh.read(8) != _CFB_MAGIC:
                return None
            data = fh.read()
    except OSError:
        return None
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return InputError("input.docx_encrypted")
    if "WordDocument".encode("utf-16-le") in data:
        return InputError("input.doc_legacy")
    return None
