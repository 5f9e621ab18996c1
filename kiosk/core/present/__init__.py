"""Presentation: the validated content turned into plain, localized data for the user interface
(:mod:`.presenter`), and the kiosk's own texts and date formats (:mod:`.strings`)."""
