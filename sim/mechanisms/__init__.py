"""The model's mechanisms, one module each: pure functions over state arrays and parameters.

Each module's docstring names the claims (C1…C17, ``sim/claims.py``) it formalises, and each
module declares its coefficients in one record, ``Coefficients`` (``sim/coefficients.py``).
``OrgModel.step`` composes them in the order of the story.
"""
