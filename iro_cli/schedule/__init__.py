"""Statutory review timescales: date primitives (``dates``) and due-review rules (``due``)."""
