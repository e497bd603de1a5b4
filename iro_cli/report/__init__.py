"""The annual report pack: figures of every command for a period, as a workbook or a document.

- :mod:`.pack`      the pack as data (sections of headline sentences, tables and charts)
- :mod:`.words`     how the reports write a figure ("96% of CLA reviews (3,027 of 3,165)")
- :mod:`.sections`  each command's figures turned into a section (pure)
- :mod:`.charts`    caseload and dispute charts (matplotlib, colour-blind-safe)
- :mod:`.workbook`  the pack as an xlsx workbook (openpyxl)
- :mod:`.document`  the pack as a Word document (python-docx)
"""
