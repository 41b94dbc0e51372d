"""``python -m sim.cli``: the ``loslaten`` command."""

import sys

from sim.cli import main

sys.exit(main())
