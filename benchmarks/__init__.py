"""Benchmark scripts for pmladder, run by hand (see each script's docstring)."""
