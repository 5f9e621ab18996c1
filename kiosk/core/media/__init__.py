"""The media a content folder names: safe paths (:mod:`.files`), what a file really is
(:mod:`.probe`), screen-sized image copies (:mod:`.derivatives`) and captions (:mod:`.webvtt`)."""
