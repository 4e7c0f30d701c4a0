# The two commands: `make demo` and `make test`. Each sets up .venv itself on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_STORE := out/demo-store

.PHONY: demo test setup clean screenshot

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	rm -rf $(DEMO_STORE)
	$(BIN)/kg ingest data/articles --store $(DEMO_STORE)
	$(BIN)/kg stats --store $(DEMO_STORE)
	$(BIN)/kg triples --store $(DEMO_STORE) --relation investsIn
	$(BIN)/kg triples --store $(DEMO_STORE) --relation partnersWith
	$(BIN)/kg export --store $(DEMO_STORE) --format html -o out/graph.html
	@echo "Open out/graph.html in a browser."

test: $(STAMP)
	$(BIN)/python -m pytest -q

screenshot: demo
	$(BIN)/python -m kg.viz.screenshot out/graph.html docs/graph.png

clean:
	rm -rf $(VENV) out .kg
