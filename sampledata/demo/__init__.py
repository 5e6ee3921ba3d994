"""The demo content: the Weihai 2025 forum article as a data file, and its loader.

`weihai-2025.toml` holds the article's facts with named fields, each group under the
sentence it comes from; `loader.load()` creates the records that are missing and never
changes one that exists.
"""

from .loader import DEMO_FILE, DemoFileError, Report, load

__all__ = ["DEMO_FILE", "DemoFileError", "Report", "load"]
