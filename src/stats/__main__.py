"""``python -m stats``: see :mod:`stats.cli`."""

from stats.cli import main

raise SystemExit(main())
