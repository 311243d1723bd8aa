"""``python -m bench.public`` from the repository root: the same as ``bench/public.py``."""

from .main import main

raise SystemExit(main())
