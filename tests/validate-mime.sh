#!/bin/sh
# Validates the shared-mime-info package: it must compile cleanly with
# update-mime-database, and a SQLite file named *.consort must be detected
# as TYPE.  Usage: validate-mime.sh MIME_XML TYPE GLOB
set -eu

xml=$1 type=$2 glob=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/share/mime/packages"
cp "$xml" "$tmp/share/mime/packages/"
XDG_DATA_HOME="$tmp/share" XDG_DATA_DIRS="$tmp/share:/usr/share" \
  update-mime-database "$tmp/share/mime" 2>"$tmp/err"
if [ -s "$tmp/err" ]; then
  echo "update-mime-database complained about $xml:" >&2
  cat "$tmp/err" >&2
  exit 1
fi
test -f "$tmp/share/mime/$type.xml" || { echo "$type was not registered" >&2; exit 1; }
grep -qF ":$type:$glob" "$tmp/share/mime/globs2" || { echo "glob $glob missing for $type" >&2; exit 1; }
grep -aqF ":$type]" "$tmp/share/mime/magic" || { echo "no magic for $type" >&2; exit 1; }

# End to end: GIO, looking only at this database and the system's, must
# name a SQLite file with the extension by our type.
if command -v gio >/dev/null 2>&1; then
  printf 'SQLite format 3\000' > "$tmp/sample.consort"
  head -c 4080 /dev/zero >> "$tmp/sample.consort"
  got=$(XDG_DATA_HOME="$tmp/share" XDG_DATA_DIRS="$tmp/share:/usr/share" \
        gio info -a standard::content-type "$tmp/sample.consort" \
        | sed -n 's/^ *standard::content-type: //p')
  if [ "$got" != "$type" ]; then
    echo "sample.consort detected as '$got', expected '$type'" >&2
    exit 1
  fi
  echo "ok: sample.consort is $got"
fi
echo "ok: $type with $glob"
