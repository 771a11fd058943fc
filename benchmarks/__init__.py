"""Benchmarks: `python -m benchmarks` runs every `bench_*.py` module (see `__main__.py`)."""
