"""Tests of standards: codes, lifecycle, committees and drafters."""
