"""Generate the site's Markdown pages from a checked corpus. Pure functions: data in, text out.

The HTML comes from Jinja2 templates (templates/*.html) with autoescape: every piece of corpus or
annotation text is escaped unless it is the output of inline.py, declared safe in one place
(templating._inline). Pages carry the HTML in raw HTML blocks, which Markdown leaves alone, so
nothing in a YAML file can become markup or script. Every link is made by urls.url.
"""
