"""Shared test setup: a non-interactive matplotlib backend for every test."""

import matplotlib

# Figures must render headless in CI and never open a window.
matplotlib.use("Agg")
