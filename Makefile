# Two commands for a fresh machine with only python3: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# `make run FULL=1`: paper-size runs (each experiment's [full] settings) in results/full.
OUT ?= $(if $(FULL),results/full,results)
FLAGSHIP := $(addprefix experiments/,rules.toml gnso_7_over_14.toml inclusion.toml \
	regions.toml crisis.toml crisis_counterfactual.toml ministry.toml consultation.toml \
	coopted.toml)

.PHONY: run test test-slow lint format bench clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench,dask,explore]'
	touch $@

## run: install, then run the flagship experiments and write tables and figures to $(OUT)/
run: $(INSTALLED)
	$(BIN)/govsim report --out $(OUT)
	$(BIN)/govsim run gnso-council --steps 200 --seed 1 --out $(OUT)/run/gnso-council
	$(BIN)/govsim study $(FLAGSHIP) --out $(OUT) $(if $(FULL),--full)
	$(BIN)/govsim discover $(OUT)/gnso_7_over_14 --metric seat_blocked_majority_rate \
		--above 0.2 --unit run
	$(BIN)/govsim brief $(addprefix $(OUT)/,rules gnso_7_over_14 crisis_counterfactual \
		coopted) --out $(OUT)
	@echo "Tables: $(OUT)/<experiment>/analysis/  Figures: $(OUT)/<experiment>/figures/  Brief: $(OUT)/brief.html"

## test: install, then run the test suite (everything but the `slow` marker), on every core
test: $(INSTALLED)
	$(BIN)/python -m pytest -q -m "not slow" -n auto

## test-slow: the long checks, which CI runs too
test-slow: $(INSTALLED)
	$(BIN)/python -m pytest -q -m slow -n auto

## lint: ruff (style and numpy docstrings), its formatter, and mypy over govsim/
lint: $(INSTALLED)
	$(BIN)/ruff check govsim tests bench
	$(BIN)/ruff format --check govsim tests bench
	$(BIN)/mypy

format: $(INSTALLED)
	$(BIN)/ruff check --fix govsim tests bench
	$(BIN)/ruff format govsim tests bench

## bench: print the speed benchmarks (numbers go in bench/README.md)
bench: $(INSTALLED)
	$(BIN)/python bench/power.py
	$(BIN)/python bench/dynamics.py
	$(BIN)/python bench/model.py --million
	$(BIN)/python bench/sweep.py
	$(BIN)/python bench/study.py
	$(BIN)/python bench/discover.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
