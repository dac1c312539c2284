"""Prepare the blind coders' packets from the hydrated pages, and check what the coders wrote.

    python benchmarks/real/coding.py packets OUT_FOLDER [--chunks-pages N] [--chunks-stance N]
    python benchmarks/real/coding.py check-pages CODER_FILE
    python benchmarks/real/coding.py check-stance CODER_FILE PACKET

The packets hold page text and so live outside the repository (OUT_FOLDER, e.g. a temporary folder);
what they index (page ids, line numbers, sentence keys, targets) is written to ``stance_items.csv``
there, and the gold that ``gold.py`` builds from the coders' files keeps only those keys.

Stance items are the sentences (``realset.split_sentences`` over every line) that name a person of the
story, found by the broad alias patterns below (written for selection, independent of the package's
mention finder, which the benchmark measures): every sentence naming Altman, and every sentence naming
one of the others, once per person named.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realset import hydrate, pages_folder, page_sentences, read_manifest, sentence_key  # noqa: E402

PEOPLE = {
    "altman": r"奥特曼|奧特曼|阿尔特曼|阿爾特曼|奥尔特曼|奧爾特曼|阿特曼|奥尔曼|奧爾曼|Altman|Atlman|Altmam|山姆|萨姆|薩姆",
    "murati": r"穆拉蒂|穆拉提|Murati|米拉",
    "sutskever": r"苏茨克维|蘇茨克維|苏茨克韦|蘇茨克韋|苏斯克维|蘇斯克維|苏茨克弗|蘇茨克弗|Sutskever|Ilya|伊利亚|伊利亞|伊爾亞|伊尔亚",
    "brockman": r"布罗克曼|布羅克曼|佈洛克曼|布洛克曼|Brockman|格雷格|葛瑞格",
    "nadella": r"纳德拉|納德拉|Nadella|萨提亚|薩提亞|萨蒂亚|薩蒂亞",
    "musk": r"马斯克|馬斯克|Musk",
    "toner": r"托纳|托納|Toner|海伦|海倫",
    "shear": r"Shear|希尔|希爾|谢尔|謝爾|埃米特|艾米特",
    "leike": r"Leike|莱克|萊克|雷克",
    "dangelo": r"D'Angelo|D’Angelo|德安杰洛|迪安杰洛|安吉洛|丹吉洛",
    "summers": r"Summers|萨默斯|薩默斯|桑默斯|薩莫斯",
    "taylor": r"Bret Taylor|Taylor|布雷特·泰勒|泰勒",
    "mccauley": r"McCauley|麦考利|麥考利",
    "schulman": r"Schulman|舒尔曼|舒爾曼",
    "mcgrew": r"McGrew|麦克格鲁|麥克格魯|麦格鲁|麥格魯",
    "zoph": r"Zoph|佐夫|卓夫",
    "johansson": r"Johansson|斯嘉丽|史嘉蕾|乔韩森|喬韓森|约翰逊|約翰森",
}
NAMES = {
    "altman": "Sam Altman", "murati": "Mira Murati", "sutskever": "Ilya Sutskever",
    "brockman": "Greg Brockman", "nadella": "Satya Nadella", "musk": "Elon Musk", "toner": "Helen Toner",
    "shear": "Emmett Shear", "leike": "Jan Leike", "dangelo": "Adam D'Angelo", "summers": "Larry Summers",
    "taylor": "Bret Taylor", "mccauley": "Tasha McCauley", "schulman": "John Schulman", "mcgrew": "Bob McGrew",
    "zoph": "Barret Zoph", "johansson": "Scarlett Johansson",
}
PATTERNS = {person: re.compile(pattern, re.IGNORECASE) for person, pattern in PEOPLE.items()}
MIN_SENTENCE = 8
PAGE_LABELS = "TBMCPORX"


def item_id(key: str, person: str) -> str:
    """A stance item's id, stable across packets: ``s`` and 10 hex digits of its sentence key and target."""
    return "s" + hashlib.sha1(f"{key}:{person}".encode()).hexdigest()[:10]


def stance_items(pages: dict[str, str], issued: set[str] = frozenset()) -> list[dict[str, str]]:
    """One item per (sentence, person named), in page and sentence order, with the sentence before it;
    items already ``issued`` in an earlier packet are left out."""
    items, seen = [], set(issued)
    for pid in sorted(pages):
        sentences = page_sentences(pages[pid])
        for index, (line, sentence) in enumerate(sentences):
            if len(sentence) < MIN_SENTENCE:
                continue
            key = sentence_key(sentence)
            for person, pattern in PATTERNS.items():
                item = item_id(key, person)
                if not pattern.search(sentence) or item in seen:
                    continue
                seen.add(item)  # a wire sentence copied on many pages is coded once
                before = sentences[index - 1][1] if index else ""
                items.append({"item": item, "page_id": pid, "line": str(line), "sentence_key": key,
                              "target": person, "text": sentence, "before": before})
    return items


def write_packets(folder: Path, pages: dict[str, str], chunks_pages: int, chunks_stance: int) -> None:
    """Write the next wave of packets: the pages (and their stance items) no earlier wave held."""
    folder.mkdir(parents=True, exist_ok=True)
    assigned_path = folder / "assigned_pages.txt"
    assigned = set(assigned_path.read_text().split()) if assigned_path.exists() else set()
    wave = 1 + len(list(folder.glob("pages_w*c1.txt")))
    ids = sorted(set(pages) - assigned)
    for chunk in range(chunks_pages):
        with (folder / f"pages_w{wave}c{chunk + 1}.txt").open("w", encoding="utf-8") as out:
            for pid in ids[chunk::chunks_pages]:
                lines = pages[pid].split("\n")
                out.write(f"===== PAGE {pid} ({len(lines)} lines)\n")
                for number, line in enumerate(lines, 1):
                    out.write(f"{number:3d}| {line}\n")
                out.write("\n")
    with assigned_path.open("a") as out:
        out.write("".join(f"{pid}\n" for pid in ids))
    items_path = folder / "stance_items.csv"
    issued = set()
    if items_path.exists():
        with items_path.open(encoding="utf-8", newline="") as handle:
            issued = {row["item"] for row in csv.DictReader(handle)}
    items = stance_items({pid: pages[pid] for pid in ids}, issued)
    with items_path.open("a", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=["item", "page_id", "line", "sentence_key", "target"],
                                extrasaction="ignore", lineterminator="\n")
        if not issued:
            writer.writeheader()
        writer.writerows(items)
    for chunk in range(chunks_stance):
        with (folder / f"stance_w{wave}c{chunk + 1}.tsv").open("w", encoding="utf-8") as out:
            out.write("item\ttarget\tsentence_before\tsentence\n")
            for item in items[chunk::chunks_stance]:
                clean = {k: item[k].replace("\t", " ") for k in ("before", "text")}
                out.write(f"{item['item']}\t{NAMES[item['target']]}\t{clean['before']}\t{clean['text']}\n")
    counts = Counter(item["target"] for item in items)
    print(f"wave {wave}: {len(ids)} pages in {chunks_pages} packets; {len(items)} stance items in "
          f"{chunks_stance} packets: {dict(sorted(counts.items()))}")


def check_pages(path: Path, pages: dict[str, str]) -> int:
    """Check a page coder's file: every page coded once, one label per line, known labels and dates."""
    problems = []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        pid = row.get("page_id", "")
        if pid not in pages:
            problems.append(f"{pid}: not a page of the packet")
            continue
        lines = pages[pid].split("\n")
        labels = row.get("labels", "")
        if len(labels) != len(lines):
            problems.append(f"{pid}: {len(labels)} labels for {len(lines)} lines")
        if set(labels) - set(PAGE_LABELS):
            problems.append(f"{pid}: unknown labels {sorted(set(labels) - set(PAGE_LABELS))}")
        for column in ("published", "repost_published"):
            value = row.get(column, "")
            if value and not re.fullmatch(r"\d{4}-\d\d-\d\d( \d\d:\d\d)?", value):
                problems.append(f"{pid}: {column} {value!r} is not YYYY-MM-DD or YYYY-MM-DD HH:MM")
    for problem in problems:
        print(problem)
    print(f"{path}: {len(rows)} pages coded, {len(problems)} problems")
    return 1 if problems else 0


def check_stance(path: Path, packet: Path) -> int:
    expected = [line.split("\t", 1)[0] for line in packet.read_text(encoding="utf-8").split("\n")[1:] if line]
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    coded = {row["item"]: row for row in rows}
    problems = [f"{item}: not coded" for item in expected if item not in coded]
    problems += [f"{row['item']}: label {row.get('label')!r}" for row in rows if row.get("label") not in {"-1", "0", "1"}]
    for problem in problems[:50]:
        print(problem)
    print(f"{path}: {len(coded)} of {len(expected)} items coded, {len(problems)} problems")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", help="the folder of collected pages (default: $REAL_PAGES)")
    commands = parser.add_subparsers(dest="command", required=True)
    packets = commands.add_parser("packets")
    packets.add_argument("out", type=Path)
    packets.add_argument("--chunks-pages", type=int, default=2)
    packets.add_argument("--chunks-stance", type=int, default=2)
    check = commands.add_parser("check-pages")
    check.add_argument("coded", type=Path)
    stance = commands.add_parser("check-stance")
    stance.add_argument("coded", type=Path)
    stance.add_argument("packet", type=Path)
    args = parser.parse_args(argv)
    if args.command == "check-stance":
        return check_stance(args.coded, args.packet)
    pages = hydrate(pages_folder(args.pages), read_manifest()).present
    if args.command == "packets":
        write_packets(args.out, pages, args.chunks_pages, args.chunks_stance)
        return 0
    return check_pages(args.coded, pages)


if __name__ == "__main__":
    sys.exit(main())
