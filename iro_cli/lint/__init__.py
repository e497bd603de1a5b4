"""Recommendation and letter wording checks (``iro lint-recommendations``).

Public API::

    from iro_cli.lint import lint_text, load_terms, Finding, RULES
    terms = load_terms(config.section("lint"))
    findings = lint_text(text, categories={"language", "readability"}, terms=terms,
                         max_sentence_words=12, max_reading_age=9)

``lint_text`` runs the text rules (CARE001, CARE002, ACR001, PLAIN001, PLAIN002).
The recommendation rules (SMART001-008) take a :class:`Recommendation` record:
see :mod:`iro_cli.lint.smart`.
"""

from iro_cli.lint.rules import RULES, SEVERITIES, Finding, Rule
from iro_cli.lint.terms import Terms, load_terms
from iro_cli.lint.text import lint_text

__all__ = ["RULES", "SEVERITIES", "Finding", "Rule", "Terms", "lint_text", "load_terms"]
