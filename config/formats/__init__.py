"""How dates read on every page, set once per language (settings.FORMAT_MODULE_PATH).

For the active language Django reads `config.formats.<locale>.formats` (`en` now; a
Chinese locale adds `zh_Hans/formats.py` beside it), and takes any name a module does
not set from Django's own formats for that language. Templates write `{{ value|date }}`
with no format string, so that each language's module decides.
"""
