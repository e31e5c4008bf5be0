"""govsim: agent-based simulation of multistakeholder governance.

Subpackages
-----------
rules
    Decision rules of real bodies (GNSO Council thresholds, IETF rough consensus,
    GAC advice), as plain registered functions over stance arrays.
power
    A-priori voting power (Banzhaf, Shapley–Shubik), exact where possible.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("govsim")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
