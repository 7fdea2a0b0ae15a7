# Sourced by tests that need many articles: gen_corpus DIR N writes N
# distinct articles made from our fixtures (DIR/NNN/NNNNNN.txt, 1,000 to
# a directory), in one awk process so that 10,000 take a fraction of a
# second.  The first line names the copy, which makes each one distinct.
gen_corpus() {
	awk -v dir="$1" -v n="$2" '
	FNR == 1 { nf++; name[nf] = FILENAME; sub(".*/", "", name[nf]) }
	{ text[nf] = text[nf] $0 "\n" }
	END {
		for (i = 1; i <= n; i++) {
			k = (i - 1) % nf + 1
			d = sprintf("%s/%03d", dir, int((i - 1) / 1000))
			if (d != lastd) {
				if (system("mkdir -p \"" d "\"") != 0)
					exit 1
				lastd = d
			}
			f = sprintf("%s/%06d.txt", d, i)
			printf "Copy %d of %s.\n%s", i, name[k], text[k] > f
			close(f)
		}
	}' "$top_srcdir"/tests/fixtures/articles/*.txt
}

# now_ms: a clock in milliseconds for the figures these tests print (%N
# is GNU date; elsewhere whole seconds, coarse but still right).
now_ms() {
	d=$(date +%s%N)
	case $d in
	*N) echo $(($(date +%s) * 1000)) ;;
	*) echo $((d / 1000000)) ;;
	esac
}
