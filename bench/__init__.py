"""Benchmarks (``make bench``): figures to read, not tests to pass."""
