"""Tests of directory: organizations and people."""
