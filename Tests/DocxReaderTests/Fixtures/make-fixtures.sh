#!/bin/sh
# Regenerates the .docx fixtures of DocxReaderTests. The tests use the committed files and
# never run this script; it needs LibreOffice (apt-get install libreoffice-writer) and python3.
#
#   bao-cao-thang.docx   LibreOffice's conversion of sources/bao-cao-thang.fodt: header table,
#                        automatic and typed numbering, tracked deletion/insertion (LibreOffice
#                        writes real w:del/w:ins from the ODF tracked changes), hyperlink,
#                        field, footnote, text box, statistics table with merged cells, and the
#                        Nơi nhận / signature table.
#   unnumbered-headings.docx  LibreOffice's conversion of sources/unnumbered-headings.fodt: section
#                        headings in Heading 1 / Heading 2 styles with no number at all (one
#                        typed "2."), so only the style says they are headings.
#   everything else      damaged or hostile containers, derived from it by Python's zipfile.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$work" sources/bao-cao-thang.fodt >/dev/null 2>&1
cp "$work/bao-cao-thang.docx" bao-cao-thang.docx
soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$work" sources/unnumbered-headings.fodt >/dev/null 2>&1
cp "$work/unnumbered-headings.docx" unnumbered-headings.docx

python3 - <<'PY'
import struct, zipfile, io

report = open("bao-cao-thang.docx", "rb").read()

def rewrite(name, replace, compression=zipfile.ZIP_DEFLATED):
    """A copy of the report whose parts are changed by replace(part name, bytes)."""
    src = zipfile.ZipFile(io.BytesIO(report))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = replace(info.filename, src.read(info.filename))
            dst.writestr(info.filename, data, compress_type=compression if info.filename == "word/document.xml" else zipfile.ZIP_DEFLATED)
    open(name, "wb").write(out.getvalue())
    return out.getvalue()

# Plain text someone renamed to .docx.
open("not-a-zip.docx", "wb").write("Báo cáo tháng 02 năm 2024 (bản văn bản thuần)\n".encode())
open("empty.docx", "wb").write(b"")

# An OLE compound file header: what a Word 97-2003 .doc and an encrypted .docx start with.
open("ole-compound.docx", "wb").write(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16 + struct.pack("<HH", 0x3E, 3) + b"\0" * 484)

# A spreadsheet-like package: a valid ZIP without word/document.xml.
with zipfile.ZipFile("no-document-part.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')

# The first 60% of the report: the central directory is gone.
open("truncated.docx", "wb").write(report[: len(report) * 6 // 10])

# An external entity in a DOCTYPE (XXE); the reader must refuse it without resolving anything.
def doctype(name, data):
    if name != "word/document.xml":
        return data
    data = data.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', 1)
    return data.replace("UBND TỈNH LẠNG SƠN".encode(), b"&xxe;", 1)
rewrite("doctype-entity.docx", doctype)

# A mismatched end tag in the first w:t.
rewrite("malformed-xml.docx", lambda name, data: data.replace(b"</w:t>", b"</w:x>", 1) if name == "word/document.xml" else data)

# document.xml stored uncompressed, then one letter changed behind the CRC's back.
crc = rewrite("corrupt-crc.docx", lambda name, data: data, compression=zipfile.ZIP_STORED)
open("corrupt-crc.docx", "wb").write(crc.replace("LẠNG SƠN".encode(), "LẠNX SƠN".encode(), 1))

# ZIP bombs: 64 MiB + 64 KiB of spaces in word/document.xml (about 65 KB deflated).
limit = 64 << 20
bomb = b" " * (limit + 65536)
with zipfile.ZipFile("zip-bomb.docx", "w") as z:
    z.writestr(zipfile.ZipInfo("word/document.xml"), bomb, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
# The same, but the headers claim 4 KiB: only counting the inflated bytes catches it.
out = io.BytesIO()
with zipfile.ZipFile(out, "w") as z:
    z.writestr(zipfile.ZipInfo("word/document.xml"), bomb, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
lying = bytearray(out.getvalue())
true_size = struct.pack("<I", len(bomb))
for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
    at = lying.index(signature)
    assert lying[at + size_offset: at + size_offset + 4] == true_size
    lying[at + size_offset: at + size_offset + 4] = struct.pack("<I", 4096)
open("zip-bomb-lying-size.docx", "wb").write(bytes(lying))
PY
ls -l *.docx
