"""Unit tests and doctests compute everything afresh: they get an empty cache of their own, so a
result cached by an earlier run can never make them pass. (nbval runs keep the user's cache, as a
user's rerun would.)"""

import os
import tempfile


def pytest_configure(config):
    if not config.getoption("nbval", default=False) and not config.getoption("nbval_lax", default=False):
        os.environ["CORPUS_TOOLS_CACHE"] = tempfile.mkdtemp(prefix="corpus-tools-test-cache-")
