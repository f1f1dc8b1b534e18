"""The site's search: one record per thing a reader looks for (records.py), the words pagefind
would not find by itself (analysis.py, synonyms.py), and the pagefind bundles written into the
built site (index.py). The search box is site_src/assets/search.js."""

from __future__ import annotations

from .index import write_index

__all__ = ["write_index"]
