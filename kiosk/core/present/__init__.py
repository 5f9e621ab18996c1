"""Presentation: the validated content turned into plain, localized data for the user interface
(:mod:`.presenter`, in the shapes declared in :mod:`.rows`), what one visitor chose (:mod:`.visit`),
and the kiosk's own texts and date formats (:mod:`.strings`)."""
