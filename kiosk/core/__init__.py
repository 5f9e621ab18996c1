"""Qt-free core: content model, YAML loading, schema and validation.

Nothing in this package may import Qt (PySide6); ``tests/test_layers.py`` checks it.
"""
