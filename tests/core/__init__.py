"""Tests of core: the shared base, and the checks that hold for the whole project."""
