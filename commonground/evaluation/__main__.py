"""Runs the evaluation command line: `python -m commonground.evaluation report ...`."""

import sys

from commonground.evaluation.cli import main

sys.exit(main())
