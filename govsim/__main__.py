"""``python -m govsim`` is the ``govsim`` command."""

from govsim.cli import main

raise SystemExit(main())
