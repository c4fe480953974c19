/*
 * fuzz_gserialized.c — libFuzzer target for the serialized-geometry reader.
 *
 * Properties checked on every input:
 * - the reader never reads outside the buffer (ASan) and never misbehaves
 *   (UBSan), whatever the bytes;
 * - whatever it accepts, the writer re-serializes, and reading that back
 *   gives a geometry that serializes to the very same bytes (the writer is
 *   a fixed point after one round).
 */
#include "geom.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct Arena
{
	void	  **blocks;
	size_t		n,
				max;
} Arena;

static void *
arena_alloc(void *arg, size_t size)
{
	Arena	   *a = arg;
	void	   *p = calloc(1, size ? size : 1);

	if (p == NULL)
		abort();
	if (a->n == a->max)
	{
		a->max = a->max ? 2 * a->max : 64;
		a->blocks = realloc(a->blocks, a->max * sizeof(void *));
		if (a->blocks == NULL)
			abort();
	}
	a->blocks[a->n++] = p;
	return p;
}

static void
arena_free(Arena *a)
{
	while (a->n > 0)
		free(a->blocks[--a->n]);
	free(a->blocks);
	a->blocks = NULL;
	a->max = 0;
}

/* a buffer of exactly len bytes whose start - 4 is 8-byte aligned */
static uint8_t *
aligned_copy(const uint8_t *data, size_t len, void **block)
{
	if (posix_memalign(block, 8, len + 8) != 0)
		abort();
	memcpy((uint8_t *) *block + 4, data, len);
	return (uint8_t *) *block + 4;
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Arena		arena = {0};
	JtAllocator alloc = {arena_alloc, &arena};
	JtGeom		g,
				g2;
	void	   *block,
			   *block2 = NULL,
			   *block3 = NULL;
	uint8_t    *buf = aligned_copy(data, size, &block);

	if (jt_gserialized_read(buf, size, &alloc, &g) == JT_GEOM_OK)
	{
		size_t		n1 = jt_gserialized_size(&g);
		uint8_t    *out1,
				   *out2;

		if (posix_memalign(&block2, 8, n1 + 8) != 0)
			abort();
		out1 = (uint8_t *) block2 + 4;
		jt_gserialized_write(&g, out1);
		if (jt_gserialized_read(out1, n1, &alloc, &g2) != JT_GEOM_OK)
			abort();
		if (jt_gserialized_size(&g2) != n1)
			abort();
		if (posix_memalign(&block3, 8, n1 + 8) != 0)
			abort();
		out2 = (uint8_t *) block3 + 4;
		jt_gserialized_write(&g2, out2);
		if (memcmp(out1, out2, n1) != 0)
			abort();
		(void) jt_geom_npoints(&g);
		(void) jt_geom_all_finite(&g);
		(void) jt_geom_is_empty(&g);
	}
	free(block);
	free(block2);
	free(block3);
	arena_free(&arena);
	return 0;
}
