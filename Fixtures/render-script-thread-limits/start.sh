#!/bin/sh
# One intra-op thread per process: the plan has 2 CPUs.
export OMP_NUM_THREADS=1
export MKL_NUM_THREADS=1
exec python embed.py
