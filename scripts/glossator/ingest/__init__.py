"""`glossator ingest`: any article file becomes a corpus entry (received file, article.yaml),
a source registry entry and a scaffolded claims file, in one step."""
