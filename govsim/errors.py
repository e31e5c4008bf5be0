"""The one exception type that means "the user's input is wrong".

Everything govsim rejects because of what a user wrote (a spec, a CLI argument, a
rule parameter) raises :class:`GovsimError`. The CLI turns it into one line on stderr
and exit code 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

__all__ = ["GovsimError"]


class GovsimError(ValueError):
    """Invalid user input, with a message that names what was expected and found.

    Parameters
    ----------
    message
        What is wrong: the key or argument, what was expected and what was found.
    source
        Where the input came from (a file path or ``"--weights"``); prefixed to the
        message when given.
    """

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)
