# make run   execute every notebook in place, top to bottom (writes figures/)
# make test  unit tests and doctests, then nbval on every notebook
# make lab   open JupyterLab on the notebooks
# make report CORPUS=path/to/articles TARGET=altman OUT=reports/NAME [PERIODS=2024-01-01] [SCHEDULER=tcp://host:8786]
#            run the four notebooks on your own corpus into OUT (notebooks/ and figures/ untouched);
#            SCHEDULER: analyse the articles on that dask.distributed cluster; BASELINES=textrank,jionlp: the
#            summarisers notebook 03 compares with ours (default: TextRank alone on your corpus); AT_ONCE=1:
#            one notebook at a time (default two side by side: for a corpus too large for two kernels' memory)
#            LEARNED_OUTLETS=off: no outlet where the rules, URL and metadata name none (default: a learned choice)
# make bench throughput and memory at N = 250 and 2,500 articles, the notebook rerun time against the
#            kernels-and-imports floor, and the pipeline at 2,500 and 25,000 articles, here and on a
#            LocalCluster (about an hour on two quiet cores; not part of make test)
# make bench-large  the same at 100,000 articles (several hours on two cores; needs about 8 GB)
# make bench-real  every real-news figure on the real development set (needs REAL_PAGES, a folder of the
#            re-collected pages: benchmarks/real/collect.md; PART=test only when a round is frozen)
# make train-stance  train the shipped stance model again (corpus_tools/data/stance/model/) on the written
#            sentences and the real development sentences (needs REAL_PAGES); CHECK=1 prints its grouped
#            cross-validated figure and checks that the shipped files are byte-identical to a rebuild from the
#            pages model.json lists; ALLOW_MISSING=1 trains on the development pages present when some are missing
# make train-outlet  train the shipped learned outlet choice (corpus_tools/data/outlet_model.json) on the
#            real development pages (needs REAL_PAGES); CHECK=1 checks the shipped file is a byte-identical rebuild
# make lock  re-resolve requirements.lock from pyproject.toml (maintainers only)
#
# With a virtualenv or a conda environment (other than base) active, make uses it and only
# installs this package into it; otherwise it builds .venv from requirements.lock.

ifneq ($(VIRTUAL_ENV),)
PYTHON := python
else ifneq ($(filter-out base,$(CONDA_DEFAULT_ENV)),)
PYTHON := python
else
PYTHON := .venv/bin/python
endif

KERNEL := corpus-tools
# The kernel is registered twice: in the environment itself (used to execute, found first through
# JUPYTER_PATH, so another checkout's registration cannot interfere) and for the user (so that a
# JupyterLab started elsewhere offers it), under a name derived from this environment's path, so that
# a second clone never overwrites it; kernels whose interpreter is gone are removed, and said so.
PREFIX = $(shell $(PYTHON) -c 'import sys; print(sys.prefix)')
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
EXECUTE = -m jupyter nbconvert --to notebook --execute --inplace \
	--ExecutePreprocessor.kernel_name=$(KERNEL) --ExecutePreprocessor.timeout=1800 \
	--ExecutePreprocessor.record_timing=False

TARGET ?= altman
OUT ?= reports/$(notdir $(abspath $(or $(CORPUS),bundled)))

.PHONY: setup run execute test lab lock bench bench-large bench-real train-stance train-outlet report

setup: $(if $(filter .venv/bin/python,$(PYTHON)),.venv/.installed)
	$(PYTHON) -m pip install --quiet --no-deps -e .
	$(PYTHON) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python ($(KERNEL))" >/dev/null
	$(PYTHON) -m corpus_tools kernel

.venv/.installed: pyproject.toml requirements.lock
	python3 -m venv .venv
	.venv/bin/python -m pip install --quiet -r requirements.lock
	touch $@

run: setup execute

execute:
	JUPYTER_PATH=$(PREFIX)/share/jupyter $(PYTHON) $(EXECUTE) $(NOTEBOOKS)

test: setup
	$(PYTHON) -m pytest tests corpus_tools
	$(PYTHON) -m pytest -p no:cacheprovider --nbval --nbval-current-env $(NOTEBOOKS)

report: $(if $(filter .venv/bin/python,$(PYTHON)),.venv/.installed)
	$(PYTHON) -m corpus_tools report $(if $(CORPUS),--corpus "$(CORPUS)") --target "$(TARGET)" --out "$(OUT)" \
		$(if $(PERIODS),--periods "$(PERIODS)") $(if $(ERRORS),--errors "$(ERRORS)") \
		$(if $(SCHEDULER),--scheduler "$(SCHEDULER)") $(if $(BASELINES),--baselines "$(BASELINES)") \
		$(if $(AT_ONCE),--at-once "$(AT_ONCE)") $(if $(filter off OFF Off 0 no false,$(LEARNED_OUTLETS)),--no-learned-outlets)

bench: setup
	$(PYTHON) benchmarks/throughput.py 250 2500
	$(PYTHON) benchmarks/rerun.py --repeat 3
	$(PYTHON) benchmarks/throughput.py --scale --cluster 2500 25000

bench-large: setup
	$(PYTHON) benchmarks/throughput.py --scale --cluster 100000

PART ?= dev
bench-real: setup
	$(PYTHON) benchmarks/real/collect.py check || true
	$(PYTHON) benchmarks/real/bench_real.py --part $(PART)

train-stance: setup
	$(PYTHON) benchmarks/real/train_stance.py $(if $(CHECK),--check) $(if $(ALLOW_MISSING),--allow-missing)

train-outlet: setup
	$(PYTHON) benchmarks/real/train_outlet.py $(if $(CHECK),--check)

lab: setup
	$(PYTHON) -m jupyter lab notebooks

lock:
	rm -rf .lock-venv && python3 -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet ".[test]"
	.lock-venv/bin/python -m pip freeze --exclude corpus-tools | LC_ALL=C sort -f > requirements.lock
	rm -rf .lock-venv
