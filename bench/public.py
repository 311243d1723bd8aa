"""Entry point of the public-endpoints benchmark; the code is ``bench/public/``.

Run from the repository root::

    .venv/bin/python bench/public.py --db postgres|sqlite [--cases N]

See ``bench/public/__init__.py`` and ``bench/README.md``.
"""

import sys
from pathlib import Path

# The repository root: ``onestop`` and ``config`` for Django, ``bench.public``
# for the package (a directory wins over this file of the same name).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.public.main import main

if __name__ == "__main__":
    raise SystemExit(main())
