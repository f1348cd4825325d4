#!/bin/sh
# Regenerates the Word twins of the text samples: samples/sources/NAME.fodt (flat ODF XML, written
# by hand) -> samples/NAME.docx, converted by LibreOffice Writer. The tests use the committed
# .docx files and never run this script; it needs LibreOffice (apt-get install libreoffice-writer;
# the committed files were made with LibreOffice 7.4.7). Afterwards run scripts/update-goldens.sh
# and read the diff: each .docx must give the same findings as its text twin.
set -eu
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "make-docx-samples.sh: soffice not found (apt-get install libreoffice-writer)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A throw-away profile: no clash with a LibreOffice the user has open, nothing written to $HOME.
soffice -env:UserInstallation="file://$work/profile" --headless \
    --convert-to 'docx:MS Word 2007 XML' --outdir "$work/out" samples/sources/*.fodt >/dev/null 2>&1
for source in samples/sources/*.fodt; do
    name=$(basename "$source" .fodt)
    test -s "$work/out/$name.docx" || { echo "make-docx-samples.sh: LibreOffice did not convert $source" >&2; exit 1; }
    size=$(wc -c < "$work/out/$name.docx")
    test "$size" -lt 51200 || { echo "make-docx-samples.sh: $name.docx is $size bytes; keep samples under 50 KB" >&2; exit 1; }
    cp "$work/out/$name.docx" "samples/$name.docx"
    echo "samples/$name.docx ($size bytes)"
done
