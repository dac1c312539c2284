"""Unit tests and doctests compute everything afresh: they get an empty cache of their own, so a
result cached by an earlier run can never make them pass, and it is removed when they end. (nbval
runs keep the user's cache, as a user's rerun would.)"""

import os
import shutil
import tempfile

_TEST_CACHE = None


def pytest_configure(config):
    global _TEST_CACHE
    if not config.getoption("nbval", default=False) and not config.getoption("nbval_lax", default=False):
        _TEST_CACHE = os.environ["CORPUS_TOOLS_CACHE"] = tempfile.mkdtemp(prefix="corpus-tools-test-cache-")


def pytest_unconfigure(config):
    if _TEST_CACHE is not None:
        shutil.rmtree(_TEST_CACHE, ignore_errors=True)
