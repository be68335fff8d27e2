#include <stddef.h>

#include "pirun.h"

uint64_t
pi_slice(uint64_t darts, uint64_t size, uint64_t rank, uint64_t *first)
{
	uint64_t q = darts / size, m = darts % size;

	if (first)
		*first = rank * q + (rank < m ? rank : m);
	return q + (rank < m);
}
