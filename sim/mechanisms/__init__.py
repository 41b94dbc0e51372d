"""The model's mechanisms, one module each: pure functions over state arrays and parameters.

Each function's docstring names the claim (C1…C17, ``../shared/model-brief.md``) it formalises.
``OrgModel.step`` composes them in the order of the story.
"""
