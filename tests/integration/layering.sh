#!/bin/sh
# The module table of the style guide, enforced: curses only in src/ui/,
# sqlite3 only in src/store*.c; text, similar and article include neither.
. "${top_srcdir:?}/tests/integration/common.sh"

cd "$top_srcdir/src" || exit 99
for f in $(find . -name '*.[ch]' | sort); do
	case $f in
	./ui/*) ;;
	*) grep -l '<curses\.h>\|<ncurses\|<ncursesw' "$f" >/dev/null &&
		fail "$f includes curses outside src/ui/" ;;
	esac
	case $f in
	./store.c|./store-*.c) ;;
	*) grep -l '<sqlite3\.h>' "$f" >/dev/null &&
		fail "$f includes sqlite3.h outside the store" ;;
	esac
	case $f in
	./ui/*) grep -l 'sqlite3_' "$f" >/dev/null &&
		fail "$f calls SQLite from the UI" ;;
	esac
done
for f in text.c text.h similar.c similar.h article.c article.h \
    import_text.c; do
	[ -f "$f" ] || continue
	grep -l '^#include.*\(sqlite3\|curses\)' "$f" >/dev/null &&
		fail "$f must know nothing of SQLite or the terminal"
done
# The importer's parser touches no SQL.
grep -l '^#include "store\.h"' import_text.c >/dev/null &&
	fail "import_text.c must not use the store"
finish
