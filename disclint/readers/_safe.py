"""Safe access to zip containers and XML shared by the docx, XBRL and EDINET readers.

- Zip: member names must be relative and stay inside the archive (no ``../``), and the
  declared uncompressed sizes, summed, must stay under ``Limits.max_uncompressed_mb``.
  :func:`read_member` inflates in bounded steps and ``zipfile`` stops at the declared size
  (and checks the CRC), so the declared sizes bound the memory we can be made to use even
  when they lie.
- XML: a DTD is refused outright (no external entities, no billion laughs); the parser
  neither resolves entities nor touches the network.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from lxml import etree

from ..model.errors import InputError
from . import Limits


def open_zip(path: Path, limits: Limits) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise InputError("input.corrupt_zip", reason=str(exc)) from exc
    except (OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise InputError("input.corrupt_zip", reason=type(exc).__name__) from exc
    total = 0
    for info in infos:
        name = info.filename.replace("\\", "/")
        pure = PurePosixPath(name)
        if pure.is_absolute() or ".." in pure.parts or (len(name) > 1 and name[1] == ":"):
            zf.close()
            raise InputError("input.unsafe_zip_member", name=info.filename)
        total += info.file_size
    if total > limits.max_uncompressed_mb * 1024 * 1024:
        zf.close()
        raise InputError("input.zip_bomb", limit_mb=int(limits.max_uncompressed_mb))
    return zf


_CHUNK = 1 << 20


def read_member(zf: zipfile.ZipFile, name: str, error_code: str = "input.corrupt_zip") -> bytes:
    """Inflate one member in 1 MB steps. ``zf.read(name)`` would inflate the whole compressed
    stream in one call before cutting it to the declared size, so a member that declares 1 KB
    but inflates to gigabytes (sizes patched in the headers) would still cost that memory;
    reading in steps bounds it by the declared size, which :func:`open_zip` has checked."""
    try:
        info = zf.getinfo(name)
        out = bytearray()
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                out += chunk
                if len(out) > info.file_size:  # zipfile stops at the declared size; never trust it
                    raise InputError(error_code, reason=f"{name}: larger than declared")
        return bytes(out)
    except InputError:
        raise
    except KeyError as exc:
        raise InputError(error_code, reason=f"missing {name}") from exc
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise InputError(error_code, reason=f"{name}: {exc}") from exc
    except Exception as exc:  # zlib.error and friends
        raise InputError(error_code, reason=f"{name}: {type(exc).__name__}") from exc


def guard_zip_members(path: Path, limits: Limits, error_code: str = "input.corrupt_zip") -> None:
    """Before a library that inflates members on its own (python-docx: ``ZipFile.read`` inflates
    a whole stream in one call) opens ``path``: :func:`open_zip`'s checks, then every member
    inflated in 1 MB steps and discarded, refusing one that inflates beyond its declared size.
    Afterwards no member can cost more than its declared size, and their sum is under
    ``--max-unzip-mb`` — a docx whose headers lie is refused instead of reaching gigabytes."""
    zf = open_zip(path, limits)
    try:
        for info in zf.infolist():
            if info.is_dir():
                continue
            got = 0
            try:
                with zf.open(info) as fh:
                    while chunk := fh.read(_CHUNK):
                        got += len(chunk)
                        if got > info.file_size:
                            raise InputError(error_code, reason=f"{info.filename}: larger than declared")
            except InputError:
                raise
            except Exception as exc:  # BadZipFile (CRC), zlib.error, EOFError …
                raise InputError(
                    error_code, reason=f"{info.filename}: {type(exc).__name__}: {exc}".splitlines()[0][:200]
                ) from exc
    finally:
        zf.close()


_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=True, remove_comments=True
)


def parse_xml(data: bytes) -> etree._Element:
    """Parse XML bytes safely; refuse any document with a DTD (``<!DOCTYPE`` / ``<!ENTITY``)."""
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data[:65536]:
        raise InputError("input.xml_forbidden")
    if b"\x00" in data[:4]:  # UTF-16/32 XML: the byte check above cannot see its DTD
        for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
            if "<!DOCTYPE".encode(codec) in data[:16384] or "<!ENTITY".encode(codec) in data[:262144]:
                raise InputError("input.xml_forbidden")
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError("input.xml_invalid", reason=str(exc).splitlines()[0][:120]) from exc
    if root is None:
        raise InputError("input.xml_invalid", reason="empty document")
    # A DTD further down the file (after a long prolog) is still refused.
    if root.getroottree().docinfo.internalDTD is not None:
        raise InputError("input.xml_forbidden")
    return root
