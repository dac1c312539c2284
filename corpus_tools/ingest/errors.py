"""The errors and warnings of ingestion."""

from __future__ import annotations

from pathlib import Path


class CorpusError(ValueError):
    """A file (or a table row) that cannot be loaded; ``file`` and ``reason`` say which and why."""

    def __init__(self, file: str | Path, reason: str):
        self.file = str(file)
        self.reason = reason
        super().__init__(f"{self.file}: {reason}")


class CorpusWarning(UserWarning):
    """Issued for each file skipped by ``load_corpus(errors="skip")``, each undated article, and each
    page whose cleaning was overruled to keep its prose."""
