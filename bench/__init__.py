"""Benchmarks of caseload's pages against a bare Django view (see bench/README.md)."""
