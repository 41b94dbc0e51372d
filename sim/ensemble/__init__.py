"""The plausible models: coefficient settings the evidence does not rule out (issue 23).

Most of the model's coefficients (200 of 207) are *assumed*: set by hand within a declared range. An
:class:`Ensemble` holds many settings of the most influential of them (and of the fitted ones),
each a *member*, that history matching (:mod:`sim.ensemble.history`) kept because its simulated
calibration figures and validation patterns lie within their registered targets. Every answer run
over the members says how much of it is the model's assumptions, not only its dice.

The product ships one fitted ensemble (``sim/ensemble/plausible.json``, :func:`load_ensemble`);
``loslaten ensemble fit`` makes another, ``loslaten ensemble show`` says what it constrains.
"""

from sim.ensemble.members import DEFAULT, Ensemble, load_ensemble
from sim.ensemble.priors import priors

__all__ = ["DEFAULT", "Ensemble", "load_ensemble", "priors"]
