"""The error of a workshop request that cannot be honoured."""


class WorkshopError(ValueError):
    """A workshop request refused: a wrong token, an out-of-range choice, a closed round or
    session, an unknown code. The message names the field, the value and what is allowed.

    Nothing is written when it is raised. On the command line it ends the command with exit
    status 2, like any invalid input.
    """
