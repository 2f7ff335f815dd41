#!/bin/sh
export LC_ALL=C
# Checks po/POTFILES.in against the tree: every file it lists exists, and
# every source, UI or data file with translatable strings is listed.
# Usage: check-potfiles.sh SOURCE_ROOT
set -eu

cd "$1"
listed=$(mktemp)
trap 'rm -f "$listed"' EXIT
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' po/POTFILES.in | sort -u > "$listed"

status=0
while read -r f; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist" >&2
    status=1
  fi
done < "$listed"

missing=$({
  grep -lE '\b(N|C|NC)?_ *\(|g_dngettext|ngettext *\(' app/*/*.c 2>/dev/null || true
  grep -l 'translatable="yes"' ui/*.ui 2>/dev/null || true
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null || true
} | sort -u | comm -23 - "$listed")
if [ -n "$missing" ]; then
  echo "files with translatable strings missing from po/POTFILES.in (scripts/update-potfiles adds them):" >&2
  echo "$missing" >&2
  status=1
fi

[ $status -eq 0 ] && echo "ok: po/POTFILES.in lists $(wc -l < "$listed") files, all present"
exit $status
