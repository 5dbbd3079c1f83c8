"""``python -m ivb``: the same as the ``ivb`` command."""

import sys

from ivb.cli import main

sys.exit(main())
