"""The exceptions that mean "the user's input is wrong".

Everything govsim rejects because of what a user wrote (a spec, a CLI argument, a
rule parameter) raises :class:`GovsimError` or a subclass. The CLI turns it into one
line on stderr and exit code 2; anything else is a bug and keeps its traceback.
Callers that must tell one kind of mistake from another catch a subclass, never match
the message text.
"""

from __future__ import annotations

__all__ = [
    "GovsimError",
    "IntegerExpected",
    "RuleParameterError",
    "SeatsExceedMembers",
    "SpecError",
]


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
        self.message = message  # without the source, for a caller that names its own
        super().__init__(f"{source}: {message}" if source else message)


class SpecError(GovsimError):
    """An invalid value located by its key path: ``SOURCE: KEY: DETAIL``.

    Raised for design, scenario and experiment files, for ``--set`` overrides and by
    every check of :mod:`govsim.check`.

    Attributes
    ----------
    key
        The dotted key path, e.g. ``"design.deliberation.kernel"`` (may be empty for
        whole-file problems such as TOML syntax errors).
    detail
        The message without the source and key.
    """

    def __init__(self, key: str, detail: str, *, source: str | None = None) -> None:
        self.key = key
        self.detail = detail
        super().__init__(f"{key}: {detail}" if key else detail, source=source)


class IntegerExpected(SpecError):
    """A value that is not an integer in the expected range (a float, a string, ...)."""


class SeatsExceedMembers(SpecError):
    """A seat block takes more seats from a scenario group than the group has members.

    Attributes
    ----------
    group
        The scenario group's name.
    """

    def __init__(self, key: str, detail: str, *, group: str, source: str | None = None) -> None:
        self.group = group
        super().__init__(key, detail, source=source)


class RuleParameterError(GovsimError):
    """A decision rule rejects the value of one of its parameters.

    Attributes
    ----------
    parameter
        The parameter's name, e.g. ``"threshold"``.
    """

    def __init__(self, message: str, *, parameter: str, source: str | None = None) -> None:
        self.parameter = parameter
        super().__init__(message, source=source)
