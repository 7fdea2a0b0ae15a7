#!/bin/sh
# Every source file that marks strings for translation is in POTFILES.in,
# po/lede.pot has every message, and the German catalogue translates
# every message (no fuzzy, none left).
. "${top_srcdir:?}/tests/integration/common.sh"

cd "$top_srcdir" || exit 99
for f in $(grep -l '_("' $(find src -name '*.c') | sort); do
	grep -qx "$f" po/POTFILES.in || fail "$f uses _() but is not in po/POTFILES.in"
done
grep -v '^#' po/POTFILES.in | while read -r f; do
	[ -z "$f" ] || [ -f "$f" ] || echo "po/POTFILES.in names missing $f"
done >"$tmp/missing"
[ -s "$tmp/missing" ] && fail "$(cat "$tmp/missing")"

command -v msgfmt >/dev/null || exit 77
command -v xgettext >/dev/null || exit 77
# Extract afresh so that a string added since the last translation run
# counts as untranslated.
xgettext --language=C --keyword=_ --keyword=N_ --keyword=ngettext:1,2 --from-code=UTF-8 \
	-o "$tmp/lede.pot" $(grep -v '^#' po/POTFILES.in) || exit 99
# The build merges the catalogues with po/lede.pot, not with a fresh
# extraction: a message missing from it is dropped from every .gmo.
msgcmp --use-untranslated po/lede.pot "$tmp/lede.pot" >"$tmp/msgcmp" 2>&1 ||
	fail "po/lede.pot is stale (make -C po update-po): $(head -5 "$tmp/msgcmp")"
for po in po/*.po; do
	msgmerge -q "$po" "$tmp/lede.pot" -o "$tmp/merged.po" || exit 99
	stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/merged.po" 2>&1)
	case $stats in
	*fuzzy*|*untranslated*) fail "$po is incomplete: $stats" ;;
	esac
	msgfmt --check -o /dev/null "$po" || fail "$po: msgfmt --check failed"
done
finish
