"""iro: a toolkit for Independent Reviewing Officers and their managers."""

__version__ = "0.1.0"
