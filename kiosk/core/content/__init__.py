"""The content format: reading a museum's folder of YAML files into a validated model.

- :mod:`.yamlfile`: bounded, safe YAML with a line and column for every key and value.
- :mod:`.types`: generic checks (texts per language, numbers, dates, lists, references...).
- :mod:`.format`: the format itself, declared with those checks: every file, key and rule.
- :mod:`.model`: the validated exhibit as frozen dataclasses.
- :mod:`.loader`: a folder to a :class:`~.loader.LoadResult` (the model and every problem);
  :mod:`.cache`: the same, remembered on disk for a fast start.
- :mod:`.routes`: the route grammar (``story/<id>``...), :mod:`.revision`: fingerprints of a folder,
  :mod:`.theme`: colour contrast, :mod:`.jsonschema`: the format as JSON Schema for editors,
  :mod:`.skeleton`: commented starter files for ``kiosk new``.
"""
