# clinicwatch: two commands do everything on a fresh machine.
#   make demo   build the environment, crawl the bundled sample web, vet it, serve Datasette
#   make test   build the environment and run the whole test suite
VENV      ?= .venv
PY        := $(VENV)/bin/python
STAMP     := $(VENV)/.installed
SYSSTAMP  := $(VENV)/.system-packages
DB        ?= clinicwatch.db
PORT      ?= 8001
PYTEST_ARGS ?=

.PHONY: demo test venv system lint bench clean

$(STAMP): requirements.txt constraints.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q -U "pip>=24"
	$(PY) -m pip install -q -r requirements.txt -c constraints.txt 2>&1 | grep -v "is ignored: it is neither" || true
	$(PY) -m pip install -q --no-deps -e . 2>&1 | grep -v "is ignored: it is neither" || true
	$(PY) -c "import scrapy, datasette, sqlite_utils, clinicwatch"
	touch $(STAMP)

venv: $(STAMP)

# Debian packages the tests drive for real: redis-server (distributed crawl),
# chromium (browser tests). Installed only when missing; needs root (CI runs as root).
$(SYSSTAMP): scripts/system-packages.sh
	bash scripts/system-packages.sh
	mkdir -p $(VENV) && touch $(SYSSTAMP)

system: $(SYSSTAMP)

demo: $(STAMP)
	$(VENV)/bin/clinicwatch demo --db $(DB) --port $(PORT)

test: $(STAMP) $(SYSSTAMP)
	$(VENV)/bin/ruff check .
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# The crawl benchmark serves its web with nginx (Debian's nginx-light), installed when missing.
bench: $(STAMP)
	bash scripts/bench-nginx.sh
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
