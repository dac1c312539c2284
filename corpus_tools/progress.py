"""A progress line for the slow steps that a notebook runs, which leaves nothing behind.

In a notebook the line is one display output, rewritten in place as the step advances (``step``)
and emptied when it ends: shown whether the step computes or reads its result from the cache, so that
a notebook's stored outputs are the same byte for byte after a cold run and a warm one (and nbval
compares an empty line with an empty line). When ``$CORPUS_TOOLS_PROGRESS_TTY`` names a terminal
(``make report`` sets it to its own), the line is also drawn there, so that a report run from a
terminal says what its notebooks are doing. Outside a notebook (a script) each step is a line on
stderr. Steps report to the line opened around them (``current``), so that a function cached on
disk (``cache.memoize``) can say where it is without taking the line as an argument.

>>> with line("comparing", show=False) as progress:
...     progress.step("phase 1 of 2")
>>> current().step("nothing is open: nothing is shown")
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from contextvars import ContextVar


class _Line:
    """One progress line: ``step(text)`` shows ``description: text`` and the seconds so far."""

    def __init__(self, description: str, show: bool):
        self.description, self.show = description, show
        self.started = time.perf_counter()
        self.handle = _display_handle() if show else None
        self.terminal = _terminal() if show and self.handle is not None else None

    def step(self, text: str) -> None:
        """Show that the step has reached ``text``."""
        if not self.show:
            return
        shown = f"{self.description}: {text} ({time.perf_counter() - self.started:.0f} s)"
        if self.handle is not None:
            self.handle.update(_Plain(shown))
        else:
            print(shown, file=sys.stderr, flush=True)
        if self.terminal is not None:
            self.terminal.write(f"\r{shown}\x1b[K")
            self.terminal.flush()

    def close(self) -> None:
        if self.handle is not None:
            self.handle.update(_Plain(""))
        if self.terminal is not None:
            self.terminal.write("\r\x1b[K")
            self.terminal.close()


class _Plain:
    """Text shown as it is (a ``str`` would be shown with its quotes)."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def _repr_pretty_(self, printer, cycle):
        printer.text(self.text)


class _Silent:
    def step(self, text: str) -> None:
        pass


_CURRENT: ContextVar = ContextVar("corpus_tools_progress", default=_Silent())


def _display_handle():
    """Return a display handle when running in a notebook's kernel, else None."""
    shell = sys.modules.get("IPython") and sys.modules["IPython"].get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return None
    from IPython.display import display

    return display(_Plain(""), display_id=True)


def _terminal():
    """Return the terminal named by ``$CORPUS_TOOLS_PROGRESS_TTY``, open for writing, or None."""
    path = os.environ.get("CORPUS_TOOLS_PROGRESS_TTY")
    if not path:
        return None
    try:
        return open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed by close()
    except OSError:
        return None


@contextmanager
def line(description: str, show: bool = True):
    """Open a progress line for the block (``description``: what the step does); yield it."""
    opened = _Line(description, show)
    token = _CURRENT.set(opened)
    try:
        yield opened
    finally:
        _CURRENT.reset(token)
        opened.close()


def current():
    """Return the progress line open around the caller (one that shows nothing when none is)."""
    return _CURRENT.get()
