"""The site's search: one record per thing a reader looks for (records.py), the words pagefind
would not find by itself (analysis.py, synonyms.py), the pagefind bundles written into the built
site (index.py: `write_index`) and the pagefind program that writes them (binary.py). The search
box is site_src/assets/search.js."""
