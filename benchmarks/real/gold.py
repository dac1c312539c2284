"""Build the committed gold from the blind coders' files, with their agreement; no page text is kept.

    python benchmarks/real/gold.py disagreements CODING_FOLDER   # packets for the adjudicator
    python benchmarks/real/gold.py build CODING_FOLDER            # writes benchmarks/real/gold/*.csv

CODING_FOLDER holds what ``coding.py packets`` wrote (``stance_items.csv``) and the coders' files:
``pages_<chunk>_<coder>.csv``, ``stance_<chunk>_<coder>.csv`` (coder = a or b), and the adjudicator's
``adjudicated_pages.csv`` (page_id, field, event, value) and ``adjudicated_stance.csv`` (item, label:
the third coder's blind codes of the items the two differ on) when there were disagreements.

Written (``gold/``): ``pages.csv`` (the agreed line labels, one letter a line, ``?`` where the coders
differed; title line number; date, basis, outlet, original source, each as agreed or adjudicated),
``page_codes.csv`` (both coders' codes, without the title text), ``stance.csv`` (per item: page, line,
sentence key, target, both coders' labels and confidences, the adjudicated label, the gold label),
``page_events.csv`` (which reference events each page reports, both coders and the gold), and
``agreement.csv`` (Cohen's kappa per task).
"""

from __future__ import annotations

import argparse
import csv
import sys
import unicodedata
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realset import HERE  # noqa: E402

from corpus_tools.scripts import fold  # noqa: E402
from corpus_tools.stance.validation import cohen_kappa  # noqa: E402

GOLD = HERE / "gold"
CHROME = set("MCPOR")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(handle)]


def write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def kappa(first: list, second: list) -> float:
    """Cohen's kappa of two codings of the same items (1 when both code every item alike with one code)."""
    if len(set(first) | set(second)) == 1:
        return 1.0
    return cohen_kappa(first, second)


def norm_name(name: str) -> str:
    """An outlet name folded for comparing two coders: Simplified script, NFKC, no spaces, brackets or case."""
    folded = fold(unicodedata.normalize("NFKC", name)).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def coder_files(folder: Path, task: str) -> dict[str, dict[str, list[dict[str, str]]]]:
    """``{chunk: {coder: rows}}`` for ``task`` (pages or stance)."""
    found: dict[str, dict[str, list[dict[str, str]]]] = {}
    for path in sorted(folder.glob(f"{task}_*_*.csv")):
        _, chunk, coder = path.stem.split("_")
        found.setdefault(chunk, {})[coder] = read_csv(path)
    return found


def paired(folder: Path, task: str, key: str) -> list[tuple[dict[str, str], dict[str, str]]]:
    pairs = []
    for chunk, coders in sorted(coder_files(folder, task).items()):
        if {"a", "b"} - set(coders):
            print(f"{task} chunk {chunk}: only coder(s) {sorted(coders)}; left out")
            continue
        second = {row[key]: row for row in coders["b"]}
        pairs += [(row, second[row[key]]) for row in coders["a"] if row[key] in second]
    return pairs


def day(value: str) -> str:
    return value[:10]


def page_disagreements(pairs) -> list[dict[str, str]]:
    rows = []
    for a, b in pairs:
        for field in ("published", "outlet", "original_source"):
            va, vb = a[field], b[field]
            same = day(va) == day(vb) if field == "published" else norm_name(va) == norm_name(vb)
            if not same:
                rows.append({"page_id": a["page_id"], "field": field, "value_1": va, "value_2": vb})
        ea, eb = set(filter(None, a["events"].split(";"))), set(filter(None, b["events"].split(";")))
        for event in sorted(ea ^ eb):
            rows.append({"page_id": a["page_id"], "field": "event", "value_1": event, "value_2": ""})
    return rows


def disagreements(folder: Path) -> None:
    """Write the adjudicator's packets: the page fields and events the two coders differ on (with both
    values), and the stance items they differ on (with their text, from the coders' packets, and
    without either coder's label: the third coder codes them blind, and the majority of three wins)."""
    pages = page_disagreements(paired(folder, "pages", "page_id"))
    write_csv(folder / "disagreements_pages.csv", pages, ["page_id", "field", "value_1", "value_2"])
    differ = {a["item"] for a, b in paired(folder, "stance", "item") if a["label"] != b["label"]}
    with (folder / "disagreements_stance.tsv").open("w", encoding="utf-8") as out:
        out.write("item\ttarget\tsentence_before\tsentence\n")
        for packet in sorted(folder.glob("stance_w*.tsv")):
            for line in packet.read_text(encoding="utf-8").split("\n")[1:]:
                if line and line.split("\t", 1)[0] in differ:
                    out.write(line + "\n")
    print(f"{len(pages)} page fields and {len(differ)} stance items to adjudicate")


def build(folder: Path) -> None:
    page_pairs = paired(folder, "pages", "page_id")
    adjudicated = {}
    if (folder / "adjudicated_pages.csv").exists():
        for row in read_csv(folder / "adjudicated_pages.csv"):
            adjudicated[row["page_id"], row["field"], row.get("event", "")] = row["value"]
    gold_pages, codes, page_events, line_a, line_b = [], [], [], [], []
    date_a, date_b, outlet_a, outlet_b, event_a, event_b = [], [], [], [], [], []
    events = [row["event_id"] for row in read_csv(GOLD / "events.csv")]
    for a, b in page_pairs:
        pid = a["page_id"]
        for coder, row in (("a", a), ("b", b)):
            codes.append({**row, "coder": coder, "title_line": row["labels"].find("T") + 1 or ""})
        la, lb = a["labels"], b["labels"]
        if len(la) == len(lb):
            line_a += list(la)
            line_b += list(lb)
        agreed = "".join(x if x == y else "?" for x, y in zip(la, lb)) if len(la) == len(lb) else "?" * len(la)
        row = {"page_id": pid, "labels": agreed, "title_line": agreed.find("T") + 1 or ""}
        date_a.append(day(a["published"]))
        date_b.append(day(b["published"]))
        outlet_a.append(norm_name(a["outlet"]))
        outlet_b.append(norm_name(b["outlet"]))
        for field in ("published", "outlet", "original_source"):
            va, vb = a[field], b[field]
            same = day(va) == day(vb) if field == "published" else norm_name(va) == norm_name(vb)
            if same:
                row[field] = va if field != "published" or len(va) >= len(vb) else vb
                row[f"{field}_agreed"] = "both"
            elif (pid, field, "") in adjudicated:
                row[field] = adjudicated[pid, field, ""]
                row[f"{field}_agreed"] = "adjudicated"
            else:
                row[field], row[f"{field}_agreed"] = "", "undecided"
        basis = {a["date_basis"], b["date_basis"]}
        row["date_basis"] = a["date_basis"] if len(basis) == 1 else "|".join(sorted(basis))
        repost = {a["repost_published"], b["repost_published"]}
        row["repost_published"] = a["repost_published"] if len(repost) == 1 else ""
        gold_pages.append(row)
        ea, eb = set(filter(None, a["events"].split(";"))), set(filter(None, b["events"].split(";")))
        for event in events:
            event_a.append(event in ea)
            event_b.append(event in eb)
            if event in ea or event in eb:
                if event in ea and event in eb:
                    reported = "1"
                else:
                    reported = adjudicated.get((pid, "event", event), "")
                page_events.append({"page_id": pid, "event_id": event, "coder_a": int(event in ea),
                                    "coder_b": int(event in eb), "reported": reported})
    write_csv(GOLD / "pages.csv", gold_pages,
              ["page_id", "labels", "title_line", "published", "published_agreed", "date_basis", "repost_published",
               "outlet", "outlet_agreed", "original_source", "original_source_agreed"])
    write_csv(GOLD / "page_codes.csv", codes,
              ["page_id", "coder", "labels", "title_line", "published", "date_basis", "repost_published", "outlet",
               "original_source", "events"])
    write_csv(GOLD / "page_events.csv", page_events, ["page_id", "event_id", "coder_a", "coder_b", "reported"])

    items = {row["item"]: row for row in read_csv(folder / "stance_items.csv")}
    third = {}
    if (folder / "adjudicated_stance.csv").exists():
        third = {row["item"]: row["label"] for row in read_csv(folder / "adjudicated_stance.csv")}
    stance, label_a, label_b = [], [], []
    for a, b in paired(folder, "stance", "item"):
        not_target = "1" if "1" in (a.get("not_target", "0"), b.get("not_target", "0")) else "0"
        label_a.append(a["label"])
        label_b.append(b["label"])
        # the majority of three: the third coder, blind to both, codes only the items the two differ on
        gold = a["label"] if a["label"] == b["label"] else \
            third.get(a["item"], "") if third.get(a["item"]) in (a["label"], b["label"]) else ""
        stance.append({**{k: items[a["item"]][k] for k in ("item", "page_id", "line", "sentence_key", "target")},
                       "label_a": a["label"], "confidence_a": a.get("confidence", ""),
                       "label_b": b["label"], "confidence_b": b.get("confidence", ""),
                       "label_adjudicated": third.get(a["item"], ""), "not_target": not_target, "label": gold})
    write_csv(GOLD / "stance.csv", stance,
              ["item", "page_id", "line", "sentence_key", "target", "label_a", "confidence_a", "label_b",
               "confidence_b", "label_adjudicated", "not_target", "label"])
    agreement = [
        {"task": "page line labels (T B M P C O R X)", "n": len(line_a), "agreement": np.mean(np.array(line_a) == np.array(line_b)), "kappa": kappa(line_a, line_b)},
        {"task": "page line labels, body vs the rest", "n": len(line_a),
         "agreement": np.mean((np.array(line_a) == "B") == (np.array(line_b) == "B")),
         "kappa": kappa([x == "B" for x in line_a], [x == "B" for x in line_b])},
        {"task": "publication day (or none)", "n": len(date_a), "agreement": np.mean(np.array(date_a) == np.array(date_b)), "kappa": kappa(date_a, date_b)},
        {"task": "outlet named (or none)", "n": len(outlet_a), "agreement": np.mean(np.array(outlet_a) == np.array(outlet_b)), "kappa": kappa(outlet_a, outlet_b)},
        {"task": "events reported (page x event)", "n": len(event_a), "agreement": np.mean(np.array(event_a) == np.array(event_b)), "kappa": kappa(event_a, event_b)},
        {"task": "stance (-1 0 1)", "n": len(label_a), "agreement": np.mean(np.array(label_a) == np.array(label_b)), "kappa": kappa(label_a, label_b)},
    ]
    for row in agreement:
        row["agreement"], row["kappa"] = f"{row['agreement']:.3f}", f"{row['kappa']:.3f}"
    write_csv(GOLD / "agreement.csv", agreement, ["task", "n", "agreement", "kappa"])
    for row in agreement:
        print(f"{row['task']}: n = {row['n']}, agreement {row['agreement']}, kappa {row['kappa']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["disagreements", "build"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    (disagreements if args.command == "disagreements" else build)(args.folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
