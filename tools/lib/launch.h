/* The rank and size a launcher gives each process it starts: fanout, Open
 * MPI's mpiexec, MPICH's Hydra, Slurm's srun.  One table, read by pi-worker
 * (its slice) and fanout --shard (its share of the items). */
#ifndef LAUNCH_H
#define LAUNCH_H

#include <stddef.h>
#include <stdint.h>

struct launch_var {
	const char *rank, *size;
};

/* Innermost launcher first, so that fanout run by srun numbers its jobs;
 * entry 0 is fanout's own (FANOUT_RANK, FANOUT_SIZE). */
extern const struct launch_var launch_vars[];
extern const size_t launch_nvars;

/* launch_env: the rank and size of the first pair set, from entry `from`
 * on (fanout --shard passes 1: its own variables are its jobs').  1 found,
 * 0 none set; -1 a bad pair (one set without the other, a value that is
 * not a decimal number, empty ones included, a size of 0, a rank not below
 * the size), *err then saying what, in a static buffer.  Ranks and sizes
 * are at most 2^63-1. */
int launch_env(size_t from, uint64_t *rank, uint64_t *size, const char **err);

#endif
