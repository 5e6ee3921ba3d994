"""Tests of evaluations: programs, batches and results."""
