"""Generate the site's Markdown pages from a checked corpus. Pure functions: data in, text out.

Every piece of corpus or annotation text is HTML-escaped here; pages carry it in raw HTML blocks,
which Markdown leaves alone, so nothing in a YAML file can become markup or script.
"""
