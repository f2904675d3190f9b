"""Runs the grouping command line: `python -m commonground.grouping --help`."""

import sys

from .cli import main

sys.exit(main())
