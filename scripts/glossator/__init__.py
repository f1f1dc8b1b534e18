"""Glossator: an annotated, bilingual news corpus published as a static site."""

__version__ = "0.1.0"
