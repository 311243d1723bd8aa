"""Entry point of the cases benchmark; the code is the package ``bench/cases/``.

Run from the repository root::

    .venv/bin/python bench/cases.py --db postgres|sqlite [--cases N]

See ``bench/cases/__init__.py`` and ``bench/README.md``.
"""

import sys
from pathlib import Path

# The repository root: ``onestop`` and ``config`` for Django, ``bench.cases``
# for the package (a directory wins over this file of the same name).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.cases.main import main

if __name__ == "__main__":
    raise SystemExit(main())
