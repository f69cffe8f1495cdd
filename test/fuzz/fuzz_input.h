/*
 * test/fuzz/fuzz_input.h
 *
 * Reading a fuzzer's input bytes as numbers, for the libFuzzer targets
 * test/fuzz/fuzz_*.c.  Past the end of the input every read gives 0, so a
 * target never reads out of bounds and short inputs still run.
 *
 * A new pure-C core file gets a target by copying this pattern: a file
 * test/fuzz/fuzz_NAME.c defining LLVMFuzzerTestOneInput, which reads its
 * arguments with these helpers, calls the core only within the domain the
 * PostgreSQL glue lets through, checks invariants or a naive reference,
 * and abort()s on a violation after printing the case; seeds in
 * test/fuzz/corpus/NAME/.  The Makefile builds every test/fuzz/fuzz_*.c
 * both with libFuzzer and sanitizers (make fuzzcheck) and with the
 * deterministic driver standalone.c (make unitcheck, valgrind), linking the
 * core files listed in FUZZ_SRCS.
 */
#ifndef SOCIALCARE_FUZZ_INPUT_H
#define SOCIALCARE_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct fuzz_input
{
	const uint8_t *p;
	size_t		left;
} fuzz_input;

static inline uint8_t
fuzz_u8(fuzz_input *in)
{
	if (in->left == 0)
		return 0;
	in->left--;
	return *in->p++;
}

static inline uint32_t
fuzz_u32(fuzz_input *in)
{
	uint32_t	v = 0;

	for (int i = 0; i < 4; i++)
		v |= (uint32_t) fuzz_u8(in) << (8 * i);
	return v;
}

static inline uint64_t
fuzz_u64(fuzz_input *in)
{
	uint64_t	lo = fuzz_u32(in);

	return lo | (uint64_t) fuzz_u32(in) << 32;
}

/* An integer in [lo, hi], lo <= hi. */
static inline int64_t
fuzz_range(fuzz_input *in, int64_t lo, int64_t hi)
{
	uint64_t	span = (uint64_t) hi - (uint64_t) lo + 1;

	return span == 0 ? (int64_t) fuzz_u64(in)
		: (int64_t) ((uint64_t) lo + fuzz_u64(in) % span);
}

/* Any double bit pattern: NaN, infinities, subnormals and all. */
static inline double
fuzz_double(fuzz_input *in)
{
	uint64_t	bits = fuzz_u64(in);
	double		d;

	memcpy(&d, &bits, sizeof d);
	return d;
}

#endif
