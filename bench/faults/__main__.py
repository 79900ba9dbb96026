"""`python -m bench.faults`: the fault drills (bench/faults/__init__.py)."""

import sys

from . import main

sys.exit(main())
