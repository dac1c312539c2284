"""Where the bundled data lives: found from this file, never from the working directory."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
RAW_DIR = DATA_DIR / "raw"
ARTICLES_CSV = DATA_DIR / "articles.csv"
ENTITIES_CSV = DATA_DIR / "entities.csv"
OUTLETS_CSV = DATA_DIR / "outlets.csv"
