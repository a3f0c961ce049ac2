"""Evaluation: kg's extraction scored against gold annotations (:mod:`kg.eval.evaluate`)."""
