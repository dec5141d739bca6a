# Two commands on a fresh machine: `make run` and `make test`.
# Each installs what it needs on first use into .venv/ (uv, then the locked dependencies).
PYTHON ?= python3
UV_VERSION ?= 0.13.9
VENV := .venv
UV := $(VENV)/bin/uv
RUNTIME := $(VENV)/.synced-runtime
DEV := $(VENV)/.synced-dev
SYNC := UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --inexact --quiet

.PHONY: run test install lint clean

run: $(RUNTIME)
	$(VENV)/bin/jobtrends run

test: $(DEV)
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

install: $(DEV)

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# --inexact keeps uv itself (installed by pip above), and the dev tools once installed.
$(RUNTIME): $(UV) pyproject.toml uv.lock
	$(SYNC) --no-dev
	@touch $@

$(DEV): $(UV) pyproject.toml uv.lock
	$(SYNC) --all-extras
	@touch $@ $(RUNTIME)

lint: $(DEV)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache
