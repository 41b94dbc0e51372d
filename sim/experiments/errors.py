"""The error of an experiment that cannot be run as asked."""


class ExperimentError(ValueError):
    """An experiment asked for something it cannot do; the message says what and why.

    On the command line it ends the command with exit status 2, like any invalid input.
    """
