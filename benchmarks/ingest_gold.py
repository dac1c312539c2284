"""Measure the loader against the gold pages (``tests/data/gold_pages``, see its FORMAT.md).

Run: ``python benchmarks/ingest_gold.py [GOLD_FOLDER]``. It writes every ``NAME.labeled.txt`` as the
page a scraper saved (labels stripped), copies the HTML pages and the CSV export into a temporary
folder, loads it with ``ct.load_corpus(folder, errors="skip")`` (no URL or metadata is given: the
loader sees only what a user's folder holds) and compares with the line labels and ``pages.csv``:

* articles lost: gold articles missing from the corpus, or with none of their body lines kept;
* body lines kept: B lines (HTML: the gold body paragraphs; export rows: their paragraphs) found in
  the cleaned text; chrome lines kept: M, C, O, R lines found in it (a line printed both as body
  and as a repeat counts as kept chrome only when it survives more often than the body prints it);
* date right: of the pages whose gold ``published`` is set, the share dated the same minute (or the
  same day when the gold gives only a day); outlet right: the same outlet (names the outlet table,
  ``corpus_tools/data/outlets.csv``, gives as one outlet's count as one: 聯合報 and 聯合新聞網), and as
  printed (``outlet_as_printed``: the same text); title right: the same text (folded to Simplified,
  spaces and case ignored), of the pages whose gold names one;
* syndication: the gold story groups, and how many of them the loader's ``story_id`` finds whole.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd

import corpus_tools as ct
from corpus_tools.outlets import canonical_outlet, outlet_key
from corpus_tools.scripts import fold

CHROME_LABELS = ("M", "C", "O", "R")


def _norm(text: object) -> str:
    return "".join(fold(str(text)).split()).casefold() if isinstance(text, str) else ""


def same_outlet(ours: object, gold: object) -> bool:
    """True when two names are one outlet: the same text, or names of one outlet in the outlet table."""
    if not isinstance(ours, str) or not isinstance(gold, str):
        return False
    return _norm(ours) == _norm(gold) or outlet_key(canonical_outlet(ours)) == outlet_key(canonical_outlet(gold))


def build_folder(gold: Path, folder: Path) -> dict[str, list[tuple[str, str]]]:
    """Write the pages of ``gold`` into ``folder``; return each article's labelled lines ``(label, text)``."""
    labelled: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(gold.glob("*.labeled.txt")):
        rows = [line.split("\t", 1) for line in path.read_text(encoding="utf-8").split("\n") if "\t" in line]
        name = path.name[: -len(".labeled.txt")]
        (folder / f"{name}.txt").write_text("\n".join(text for _, text in rows), encoding="utf-8")
        labelled[name] = [(label, text.strip()) for label, text in rows if label != "X" and text.strip()]
    for path in sorted(gold.glob("*.html")):
        shutil.copy(path, folder / path.name)
        body = (gold / f"{path.stem}.body.txt").read_text(encoding="utf-8").split("\n")
        labelled[path.stem] = [("B", line.strip()) for line in body if line.strip()]
    if (gold / "export.csv").exists():
        shutil.copy(gold / "export.csv", folder / "export.csv")
        export = pd.read_csv(gold / "export.csv", dtype=str, keep_default_na=False)
        for row in export.itertuples():
            labelled[str(row.id)] = [("B", line.strip()) for line in row.text.split("\n") if line.strip()]
    return labelled


def same_date(gold: str, published: pd.Timestamp) -> bool:
    """Whether the loader's ``published`` is the gold date: the same minute when the gold
    (``YYYY-MM-DD HH:MM``, Beijing time) gives one, else the same day; False when it is NaT."""
    if pd.isna(published):
        return False
    gold_time = pd.Timestamp(gold).tz_localize("Asia/Shanghai")
    return bool(published.floor("min") == gold_time if len(gold) > 10 else published.normalize() == gold_time)


def _article_id(file: str) -> str:
    if file.startswith("export.csv#"):
        return file.split("#", 1)[1]
    return file.replace(".labeled.txt", "").replace(".html", "")


def evaluate(gold: Path) -> dict:
    """Return the figures (see the module's docstring) and per-page tables for the gold in ``gold``."""
    pages = pd.read_csv(gold / "pages.csv", dtype=str, keep_default_na=False)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        labelled = build_folder(gold, folder)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ct.CorpusWarning)
            corpus = ct.load_corpus(folder, errors="skip")
    rows = []
    for page in pages.itertuples():
        article_id = _article_id(page.file)
        lines = labelled.get(article_id, [])
        found = article_id in corpus.index
        kept = Counter(line.strip() for line in corpus.loc[article_id, "text"].split("\n")) if found else Counter()
        body = [text for label, text in lines if label == "B"]
        body_kept = 0
        available = kept.copy()
        for text in body:
            if available[text] > 0 or (found and text in corpus.loc[article_id, "text"]):
                body_kept += 1
                available[text] -= 1
        chrome = [text for label, text in lines if label in CHROME_LABELS]
        chrome_kept = 0
        for text in chrome:
            if available[text] > 0:
                chrome_kept += 1
                available[text] -= 1
        row = corpus.loc[article_id] if found else None
        published = row.published if found else pd.NaT
        date_right = same_date(page.published, published) if page.published else None
        rows.append({
            "article_id": article_id, "found": found, "body": len(body), "body_kept": body_kept,
            "chrome": len(chrome), "chrome_kept": chrome_kept,
            "lost": (not found) or (body and body_kept == 0),
            "gold_published": page.published, "published": published, "date_right": date_right,
            "date_basis": row.date_basis if found else "",
            "gold_outlet": page.outlet, "outlet": row.outlet if found else None,
            "outlet_right": same_outlet(row.outlet, page.outlet) if page.outlet and found else
            (False if page.outlet else None),
            "outlet_as_printed": (_norm(row.outlet) == _norm(page.outlet)) if page.outlet and found else
            (False if page.outlet else None),
            "gold_title": page.title, "title": row.title if found else None,
            "title_right": (_norm(row.title) == _norm(page.title)) if page.title and found else
            (False if page.title else None),
            "gold_story": page.story_group, "story_id": row.story_id if found else None,
        })
    table = pd.DataFrame(rows)
    groups = table[table.gold_story != ""].groupby("gold_story")
    whole = sum(1 for _, g in groups if g.story_id.nunique() == 1 and g.found.all()
                and (table.story_id == g.story_id.iloc[0]).sum() == len(g))
    ours = table[table.found].groupby("story_id").size()

    def share(column: str) -> tuple[int, int]:
        judged = table[column].dropna()
        return int(judged.sum()), int(len(judged))

    figures = {
        "pages": len(table),
        "outlets": int(pages.outlet[pages.outlet != ""].nunique()),
        "articles_lost": int(table.lost.sum()),
        "body_kept": table.body_kept.sum() / max(1, table.body.sum()),
        "chrome_kept": table.chrome_kept.sum() / max(1, table.chrome.sum()),
        "dates": share("date_right"),
        "outlet": share("outlet_right"),
        "outlet_as_printed": share("outlet_as_printed"),
        "title": share("title_right"),
        "gold_story_groups": int(groups.ngroups),
        "story_groups_found_whole": int(whole),
        "groups_with_copies_found": int((ours > 1).sum()),
        "skipped": corpus.attrs["skipped"],
    }
    return {"figures": figures, "pages": table, "corpus": corpus}


def main(gold: Path) -> None:
    result = evaluate(gold)
    f = result["figures"]
    print(f"gold: {f['pages']} articles, {f['outlets']} outlets named")
    print(f"articles lost: {f['articles_lost']}")
    print(f"body lines kept: {f['body_kept']:.1%}")
    print(f"chrome lines kept: {f['chrome_kept']:.1%}")
    for name in ("dates", "outlet", "outlet_as_printed", "title"):
        right, judged = f[name]
        print(f"{name} right: {right}/{judged} ({right / max(1, judged):.0%})")
    print(f"syndication: {f['story_groups_found_whole']} of {f['gold_story_groups']} gold story groups found whole; "
          f"{f['groups_with_copies_found']} groups with copies found")
    if f["skipped"]:
        print("skipped:", f["skipped"])


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "tests/data/gold_pages")
