"""Benchmarks of the public site (run with ./dev bench)."""
