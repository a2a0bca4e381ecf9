#!/bin/sh
python embed.py
# Reached only after the worker exits: too late for its thread pools.
export OMP_NUM_THREADS=1
export MKL_NUM_THREADS=1
