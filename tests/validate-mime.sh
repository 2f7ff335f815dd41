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
# name a Consort file by our type with the extension (glob) and without it
# (magic: the SQLite header and application_id "Cons" at offset 68), and
# leave a plain SQLite database alone.
if command -v gio >/dev/null 2>&1; then
  # A 100-byte SQLite header: the magic string, zeros, "Cons" at 68.
  make_db () { # FILE APPLICATION_ID
    { printf 'SQLite format 3\000'; head -c 52 /dev/zero; printf '%s' "$2"; head -c 4024 /dev/zero; } > "$1"
  }
  detect () {
    XDG_DATA_HOME="$tmp/share" XDG_DATA_DIRS="$tmp/share:/usr/share" \
      gio info -a standard::content-type "$1" | sed -n 's/^ *standard::content-type: //p'
  }
  make_db "$tmp/sample.consort" Cons
  make_db "$tmp/no-extension" Cons
  make_db "$tmp/plain.db" "$(printf '\000\000\000\000')"
  for f in sample.consort no-extension; do
    got=$(detect "$tmp/$f")
    if [ "$got" != "$type" ]; then
      echo "$f detected as '$got', expected '$type'" >&2
      exit 1
    fi
    echo "ok: $f is $got"
  done
  got=$(detect "$tmp/plain.db")
  if [ "$got" = "$type" ]; then
    echo "a plain SQLite database was taken for $type" >&2
    exit 1
  fi
  echo "ok: plain.db is $got"
fi
echo "ok: $type with $glob"
