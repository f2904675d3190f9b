"""Runs the grouping command line: `python -m commonground.grouping --help`."""

import sys
import time

# Before the imports, which take a good part of a second: the mdgp command's time limit counts
# the whole run, start-up included.
STARTED = time.perf_counter()

from .cli import main  # noqa: E402 (imported after the clock starts, on purpose)

sys.exit(main(started=STARTED))
