"""Measurement tools, kept apart from the runtime: ``kiosk bench`` (:mod:`.measure`) and the
long-running monkey test (:mod:`.soak`). They drive the real QML user interface; nothing in the
kiosk's runtime imports them."""
