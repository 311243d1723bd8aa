"""``python -m bench.cases`` from the repository root: the same as ``bench/cases.py``."""

from .main import main

raise SystemExit(main())
