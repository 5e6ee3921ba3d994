"""Tests of portal: the pages that join the apps, and the whole public site."""
