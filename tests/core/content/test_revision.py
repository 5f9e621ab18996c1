"""kiosk.core.content.revision: the fingerprint that notices edits, and the revision that names content."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.core.content import revision
from kiosk.core.walk import walk


def make(root: Path) -> None:
    for rel, text in {"exhibit.yaml": "a", "story/day.yaml": "b", "media/art/x.png": "c", ".hidden": "d",
                      "story/day.yaml~": "e", "media/upload.part": "f", ".git/config": "g"}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


def test_files_are_named_from_the_root_and_skip_hidden_backups_and_partial_copies(tmp_path):
    make(tmp_path)
    assert [rel for rel, _ in walk(tmp_path, 1000, 8).files] == ["exhibit.yaml", "media/art/x.png", "story/day.yaml"]


def test_fingerprint_changes_with_an_edit_a_new_file_or_a_deletion(tmp_path):
    make(tmp_path)
    first = revision.fingerprint(tmp_path)
    assert revision.fingerprint(tmp_path) == first
    os.utime(tmp_path / "story/day.yaml", ns=(1, 1))
    edited = revision.fingerprint(tmp_path)
    assert edited != first
    (tmp_path / "story/new.yaml").write_text("x")
    added = revision.fingerprint(tmp_path)
    assert added != edited
    (tmp_path / "story/new.yaml").unlink()
    assert revision.fingerprint(tmp_path) == edited
    (tmp_path / "story/day.yaml~").write_text("an editor's backup")
    assert revision.fingerprint(tmp_path) == edited


def test_revision_names_the_bytes_not_the_times(tmp_path):
    make(tmp_path)
    rev = revision.content_revision(tmp_path)
    os.utime(tmp_path / "exhibit.yaml", ns=(5, 5))
    assert revision.content_revision(tmp_path) == rev
    (tmp_path / "exhibit.yaml").write_text("changed")
    assert revision.content_revision(tmp_path) != rev
    assert revision.fingerprint(tmp_path / "nowhere") == "missing"
