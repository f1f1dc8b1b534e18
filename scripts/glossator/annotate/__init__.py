"""Annotating from the command line: `glossator claim` (a draft claim from the words a reader
sees) and `glossator fix-anchors` (quotes moved back onto a corrected text)."""
