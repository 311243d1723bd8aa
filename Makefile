# OneStop — the README's commands. Needs only Python 3.11 on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1:8000
CHROMIUM := /usr/bin/chromium

.PHONY: run test test-only bench lint typecheck messages browser demo clean

$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' || \
	  { echo "OneStop needs Python 3.11 (found: $$($(PYTHON) --version 2>&1)). Set PYTHON=/path/to/python3.11." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.python-ok
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

var:
	mkdir -p var

## make run: set up, migrate the SQLite database under var/, load the demo, serve on http://$(HOST)
run: $(VENV)/.installed var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "OneStop is starting on http://$(HOST)  (Ctrl-C to stop); the warning sweep runs every minute"
	@$(BIN)/python manage.py sweep --every 60 & sweep=$$!; \
	  trap 'kill $$sweep 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver $(HOST)

demo: $(VENV)/.installed var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

## make test: set up with the test extras and run every test: unit, integration, browser
test: $(VENV)/.installed-test browser test-only

test-only:
	$(BIN)/python -m pytest -n 2 --dist loadscope -q

browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian's chromium and CJK fonts for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else \
	    echo "The browser tests need Debian's Chromium at $(CHROMIUM)." >&2; \
	    echo "Install it with:  sudo apt-get install chromium fonts-noto-cjk   and run make test again." >&2; \
	    exit 1; \
	  fi; \
	fi

bench: $(VENV)/.installed-test
	$(BIN)/python bench/workdays.py

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

## make messages: refresh the translation catalogues after changing user-facing text
messages: $(VENV)/.installed-test
	$(BIN)/python manage.py makemessages -l zh_Hans -l en --ignore '.venv/*' --ignore 'var/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) var/onestop.sqlite3*
