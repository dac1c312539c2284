"""The project's own files agree with each other: environments, README, figures."""

import re
import subprocess
import sys
import tomllib

import pandas as pd
import pytest
import yaml

from conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[=<>!~\[ ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if "==" in line:
            name, version = line.split("==")
            pins[_name(name)] = version.strip()
    return pins


#: conda-forge names that differ from the PyPI name of the same package.
CONDA_NAMES = {"dask-core": "dask"}


def _environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    packages = {}
    for item in env["dependencies"]:
        entries = item["pip"] if isinstance(item, dict) else [item]
        for entry in entries:
            if entry.startswith("-e") or _name(entry) in ("python", "pip"):
                continue
            name, _, version = re.split(r"(==|=)", entry, maxsplit=1)
            packages[CONDA_NAMES.get(_name(name), _name(name))] = version
    return packages


def test_environment_yml_has_the_packages_of_pyproject_at_the_locked_versions():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    environment = _environment()
    assert set(environment) == wanted
    lock = _lock()
    assert {name: lock[name] for name in wanted} == environment


def test_the_lock_pins_every_dependency_exactly():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lock = _lock()
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        assert _name(requirement) in lock, requirement


def test_every_path_the_readme_names_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([\w./-]+/[\w./-]*|[\w-]+\.(?:md|yml|toml|lock|csv|ipynb|png|svg|py))`", readme))
    named |= set(re.findall(r"\]\((?!https?:)([^)#]+)\)", readme))
    assert named, "the README names no paths"
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert not missing


def test_every_indexed_figure_exists_with_its_data():
    index = pd.read_csv(ROOT / "figures" / "index.csv")
    assert len(index) > 0
    for row in index.itertuples():
        for name in row.files.split():
            assert (ROOT / "figures" / name).stat().st_size > 0, name
        assert (ROOT / "notebooks" / row.notebook).exists()
    on_disk = {p.stem for p in (ROOT / "figures").glob("*.png")}
    assert on_disk <= set(index.figure)
    assert {p.stem for p in (ROOT / "figures").glob("*.csv") if p.stem != "index"} == set(index.figure)


def test_the_package_does_no_output_on_import():
    result = subprocess.run([sys.executable, "-c", "import corpus_tools"], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""


@pytest.mark.slow
def test_rerunning_the_notebooks_leaves_a_clean_checkout(tmp_path):
    """`make run` on a clean clone reproduces every stored output and figure byte for byte."""
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True).returncode:
        pytest.skip("not a git checkout")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    env = {**__import__("os").environ, "PYTHONPATH": str(clone)}
    subprocess.run(["make", "-s", "execute", f"PYTHON={sys.executable}"], cwd=clone, env=env, check=True,
                   capture_output=True)
    status = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True, check=True)
    assert status.stdout == ""


def test_every_data_file_of_the_package_is_declared_package_data():
    # an editable install reads the files from the checkout; a wheel carries only what package-data lists
    from pathlib import PurePosixPath

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["corpus_tools"]
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "corpus_tools/data"], capture_output=True, text=True,
                             check=True).stdout.split()
    files = [PurePosixPath(path).relative_to("corpus_tools") for path in tracked]
    undeclared = [str(f) for f in files
                  if not any(len(PurePosixPath(p).parts) == len(f.parts) and f.match(p) for p in patterns)]
    assert files and not undeclared
