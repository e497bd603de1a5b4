"""Review letters to children (``iro letter``).

Pure content building (``content``, ``recommendations``, ``wording``,
``privacy``, ``ages``, ``selection``, ``settings``), the docx rendering
(``render``) and the post-render check (``checks``). See docs/readme/letter.md.
"""
