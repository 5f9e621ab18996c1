"""The machine's own state: the folders the kiosk writes (:mod:`.dirs`), its settings and staff PIN
(:mod:`.settings`), status.json (:mod:`.status`), systemd's protocol (:mod:`.systemd`), the log
(:mod:`.logs`) and the memory allocator (:mod:`.memory`)."""
