import shutil
from pathlib import Path

import pytest

import corpus_tools as ct
from corpus_tools.paths import RAW_DIR

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def corpus():
    return ct.load_corpus()


@pytest.fixture
def raw_copy(tmp_path):
    """A folder with copies of the five raw articles and no articles.csv."""
    for path in sorted(RAW_DIR.glob("*.txt")):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path
