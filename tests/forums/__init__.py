"""Tests of forums: series, editions, roles, sessions and talks."""
