"""The export contract (``schema``) and the one place that reads exports (``reader``)."""
