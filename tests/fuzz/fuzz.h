/* fuzz: what every fuzz target shares.  A target defines
 * LLVMFuzzerTestOneInput and checks its invariants with FUZZ_CHECK; it is
 * linked either with libFuzzer (make fuzz) or with replay.c, which feeds
 * it the files of its seed corpus (make check). */
#ifndef LEDE_FUZZ_H
#define LEDE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The libFuzzer entry point: one input, data[0..size) (not
 * NUL-terminated).  Returns 0; a broken invariant aborts. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Not assert(): a fuzz check must hold in every build, NDEBUG or not,
 * and abort() is what both libFuzzer and the replay report as a crash. */
#define FUZZ_CHECK(cond, what) do {					\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: invariant broken: %s (%s)\n",	\
		    __FILE__, __LINE__, (what), #cond);			\
		abort();						\
	}								\
} while (0)

#endif
