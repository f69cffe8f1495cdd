/*
 * test/fuzz/standalone.c
 *
 * A deterministic driver for the libFuzzer target, for machines and CI
 * runs without libFuzzer: feeds N pseudo-random byte buffers (xorshift64*,
 * fixed seed, so every run sees the same inputs) to
 * LLVMFuzzerTestOneInput and prints one TAP line.  The target abort()s on
 * the first disagreement, after printing the case.
 *
 *	  test/fuzz/fuzz_wdindex_run [N]	(default 20000)
 *
 * Given file names instead, it replays those inputs (a corpus, e.g. under
 * valgrind):
 *
 *	  test/fuzz/fuzz_civil_run test/fuzz/corpus/civil/ *
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT 1024

static uint64_t prng_state = UINT64_C(0x9E3779B97F4A7C15);

/* xorshift64*: small, fast and the same on every platform. */
static uint64_t
prng_next(void)
{
	prng_state ^= prng_state >> 12;
	prng_state ^= prng_state << 25;
	prng_state ^= prng_state >> 27;
	return prng_state * UINT64_C(0x2545F4914F6CDD1D);
}

/* Fill buf with a random length of random bytes; returns the length. */
static size_t
random_input(uint8_t *buf)
{
	/* Some short inputs, which end mid-way; mostly long ones. */
	size_t		len = prng_next() % 4 == 0 ? prng_next() % 65
		: prng_next() % (MAX_INPUT + 1);

	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t) (prng_next() >> 56);
	return len;
}

/* Feed the target each file's bytes, in an allocation of exactly that size. */
static int
replay(const char *name, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
	{
		FILE	   *f = fopen(argv[i], "rb");
		uint8_t    *buf = malloc(1 << 20);
		size_t		len;
		uint8_t    *copy;

		if (f == NULL || buf == NULL)
		{
			fprintf(stderr, "%s: cannot read %s\n", name, argv[i]);
			return 1;
		}
		len = fread(buf, 1, 1 << 20, f);
		fclose(f);
		copy = malloc(len ? len : 1);
		if (copy == NULL)
			return 1;
		memcpy(copy, buf, len);
		free(buf);
		LLVMFuzzerTestOneInput(copy, len);
		free(copy);
	}
	printf("ok 1 - %s: %d corpus inputs replayed\n1..1\n", name, argc - 1);
	return 0;
}

/* Feed N inputs (default 20000) to the target; it aborts on a mismatch. */
int
main(int argc, char **argv)
{
	static uint8_t buf[MAX_INPUT];
	const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	long		n;

	if (argc > 1 && (argv[1][0] < '0' || argv[1][0] > '9'))
		return replay(name, argc, argv);
	n = argc > 1 ? strtol(argv[1], NULL, 10) : 20000;

	if (n <= 0)
	{
		fprintf(stderr, "usage: %s [number of inputs > 0]\n", argv[0]);
		return 2;
	}
	for (long i = 0; i < n; i++)
	{
		size_t		len = random_input(buf);

		/* The target reads exactly len bytes: give it its own copy. */
		uint8_t    *copy = malloc(len ? len : 1);

		if (copy == NULL)
			return 1;
		for (size_t j = 0; j < len; j++)
			copy[j] = buf[j];
		LLVMFuzzerTestOneInput(copy, len);
		free(copy);
	}
	printf("ok 1 - %s: %ld random inputs agree with the naive reference\n", name, n);
	printf("1..1\n");
	return 0;
}
