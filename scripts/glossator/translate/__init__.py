"""`glossator translate`: machine translation with DeepL, paid for once per paragraph.

How a run goes, one module per step:

- `read.py`     what each article and its translation file say, from a fast parse cached by
                file size and time under build/ (a re-run with nothing to do reads no YAML);
- `plan.py`     which paragraphs need a machine translation, and what the memory already has;
- `glossary.py` the glossary of a language pair and its version;
- `memory.py`   the translation memory (corpus/_memory/deepl.jsonl): DeepL's raw answers,
                saved before they are used, so nothing billed is ever lost;
- `answer.py`   checks a raw answer against what was sent and turns it back into Markdown;
- `send.py`     batches within DeepL's limits, sent with the official client;
- `write.py`    the translation file, edited so that only the changed paragraphs' lines change;
- `run.py`      send and write, article after article;
- `command.py`  the command: progress, cost report, one message per fault.
"""
