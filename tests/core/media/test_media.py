"""kiosk.core.media: media paths stay inside the content folder; images must decode."""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

import pytest
from PIL import Image

from kiosk.core.media import probe
from kiosk.core.media.files import PathError, resolve_media
from kiosk.core.media.probe import probe_image
from tests.core.conftest import CHAPTER, EXHIBIT, WITNESS, Folder, make_jpeg, make_png, the

STORY = "story/1972-12-18.yaml"
FILE_LINE = (STORY, 13, 11)  # where 'file: media/photo.png' is in the fixture's chapter


def with_image(value: str) -> str:
    return CHAPTER.replace("file: media/photo.png", f"file: {value}")


def image_problem(folder: Folder, value: str):
    folder.write(STORY, with_image(value))
    result = folder.load()
    p = the(result.problems, STORY)
    assert (p.location.path, p.location.line, p.location.col) == FILE_LINE
    assert p.is_error
    chapter = result.content.chapter("1972-12-18")
    assert chapter is not None and chapter.images == ()  # the image is dropped, the chapter stays
    return p


def noisy_image(size=(128, 128)) -> Image.Image:
    rnd = random.Random(7)
    im = Image.new("RGB", size)
    im.putdata([(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)) for _ in range(size[0] * size[1])])
    return im


def encoded(fmt: str, size=(128, 128)) -> bytes:
    buf = io.BytesIO()
    noisy_image(size).save(buf, fmt)
    return buf.getvalue()


# -- paths ------------------------------------------------------------------------------------------

def test_resolve_media_inside_the_folder(valid: Folder):
    assert resolve_media(valid.root, "media/photo.png") == valid.root / "media" / "photo.png"


def test_missing_media_suggests_a_near_file_name(valid: Folder):
    p = image_problem(valid, "media/phot.png")
    assert p.message == "file not found: 'media/phot.png'"
    assert p.hint == "did you mean 'media/photo.png'?"


def test_missing_media_in_a_missing_folder(valid: Folder):
    p = image_problem(valid, "media/maps/first-night.png")
    assert p.message == "file not found: 'media/maps/first-night.png'"
    assert p.hint == "the folder 'media/maps' does not exist"


def test_missing_media_with_nothing_close(valid: Folder):
    p = image_problem(valid, "media/zzzzzzzzzzzz.png")
    assert p.message == "file not found: 'media/zzzzzzzzzzzz.png'"
    assert p.hint == ""


def test_dot_dot_leads_out(valid: Folder):
    make_png(valid.root.parent / "x.png")  # exists, but outside the content folder
    p = image_problem(valid, "../x.png")
    assert p.message == "'../x.png' leads out of the content folder ('..')"
    assert p.hint == "put the file inside the content folder"


def test_dot_dot_in_the_middle_leads_out(valid: Folder):
    p = image_problem(valid, "media/../../x.png")
    assert p.message == "'media/../../x.png' leads out of the content folder ('..')"


def test_absolute_path_is_refused(valid: Folder):
    p = image_problem(valid, "/etc/passwd")
    assert p.message == "'/etc/passwd' is an absolute path"
    assert p.hint == ("media must be inside the content folder; write the path relative to it, "
                      "e.g. media/photo.jpg")


def test_windows_drive_path_is_refused(valid: Folder):
    p = image_problem(valid, '"C:/photos/x.png"')
    assert p.message == "'C:/photos/x.png' is an absolute path"


def test_backslashes_are_refused(valid: Folder):
    p = image_problem(valid, r"'media\photo.png'")
    assert p.message == "'media\\photo.png' uses '\\' in the path"
    assert p.hint == "use '/' between folder names, as in media/photos/opening.jpg"


def test_symlink_that_escapes_is_refused(valid: Folder, tmp_path: Path):
    outside = make_png(tmp_path / "outside.png")
    os.symlink(outside, valid.root / "media" / "evil.png")
    p = image_problem(valid, "media/evil.png")
    assert p.message == "'media/evil.png' is a link that leads out of the content folder"
    assert p.hint == "copy the file into the content folder"


def test_symlink_to_etc_passwd_is_refused(valid: Folder):
    os.symlink("/etc/passwd", valid.root / "media" / "passwd.png")
    p = image_problem(valid, "media/passwd.png")
    assert p.message == "'media/passwd.png' is a link that leads out of the content folder"


def test_symlinked_folder_that_escapes_is_refused(valid: Folder, tmp_path: Path):
    make_png(tmp_path / "elsewhere" / "a.png")
    os.symlink(tmp_path / "elsewhere", valid.root / "media" / "linked")
    p = image_problem(valid, "media/linked/a.png")
    assert p.message == "'media/linked/a.png' is a link that leads out of the content folder"


def test_symlink_inside_the_folder_is_fine(valid: Folder):
    os.symlink(valid.root / "media" / "photo.png", valid.root / "media" / "alias.png")
    valid.write(STORY, with_image("media/alias.png"))
    assert valid.load().problems == []


def test_symlink_loop_is_reported_not_raised(valid: Folder):
    os.symlink(valid.root / "media" / "loop-b.png", valid.root / "media" / "loop-a.png")
    os.symlink(valid.root / "media" / "loop-a.png", valid.root / "media" / "loop-b.png")
    valid.write(STORY, with_image("media/loop-a.png"))
    result = valid.load()
    p = the(result.problems, STORY)
    assert (p.location.path, p.location.line, p.location.col) == FILE_LINE
    assert p.is_error and "media/loop-a.png" in p.message


def test_folder_instead_of_an_image(valid: Folder):
    p = image_problem(valid, "media")
    assert p.message == "'media' is a folder, not a file"


def test_not_an_image_extension(valid: Folder):
    valid.write("media/notes.txt", "x")
    p = image_problem(valid, "media/notes.txt")
    assert p.message == "'media/notes.txt' is not an image file (.txt)"
    assert p.hint == "use a PNG or JPEG file"


def test_no_file_name(valid: Folder):
    valid.write(STORY, with_image(""))
    p = the(valid.load().problems, STORY)
    assert (p.location.path, p.location.line) == (STORY, 13)
    assert p.message == "expected the path of an image file inside the content folder, found nothing"


@pytest.mark.parametrize("value", ['""', '"   "'])
def test_empty_file_name(valid: Folder, value):
    p = image_problem(valid, value)
    assert p.message == "the file name is empty"


def test_resolve_media_returns_path_errors():
    assert isinstance(resolve_media(Path("/nonexistent-root"), "../x.png"), PathError)
    assert resolve_media(Path("/nonexistent-root"), " ") == PathError("the file name is empty")


# -- image files ------------------------------------------------------------------------------------

def test_text_file_named_png(valid: Folder):
    valid.write("media/fake.png", "this is not an image\n")
    p = image_problem(valid, "media/fake.png")
    assert p.message == "'media/fake.png': the file is not an image Pillow can read (or an unsupported format)"


def test_zero_byte_image(valid: Folder):
    valid.write_bytes("media/empty.png", b"")
    p = image_problem(valid, "media/empty.png")
    assert p.message == "'media/empty.png': the image file is empty (0 bytes)"


@pytest.mark.parametrize("fraction", [0.9, 0.5, 0.1])
def test_truncated_png(valid: Folder, fraction):
    data = encoded("PNG")
    valid.write_bytes("media/cut.png", data[:int(len(data) * fraction)])
    p = image_problem(valid, "media/cut.png")
    assert p.message.startswith("'media/cut.png': the image is damaged or truncated (")


@pytest.mark.parametrize("fraction", [0.9, 0.5, 0.1])
def test_truncated_jpeg(valid: Folder, fraction):
    data = encoded("JPEG")
    valid.write_bytes("media/cut.jpg", data[:int(len(data) * fraction)])
    p = image_problem(valid, "media/cut.jpg")
    assert p.message.startswith("'media/cut.jpg': the image is damaged or truncated (")


def test_png_header_only(valid: Folder):
    valid.write_bytes("media/head.png", encoded("PNG")[:40])
    p = image_problem(valid, "media/head.png")
    assert p.message.startswith("'media/head.png': the ")


def test_png_with_a_corrupted_chunk(valid: Folder):
    data = bytearray(encoded("PNG"))
    data[len(data) // 2] ^= 0xFF
    valid.write_bytes("media/bad.png", bytes(data))
    p = image_problem(valid, "media/bad.png")
    assert p.message.startswith("'media/bad.png': the image is damaged or truncated (")


def test_jpeg_with_a_png_extension_is_fine(valid: Folder):
    make_jpeg(valid.root / "media" / "photo.png")
    probe.clear_cache()
    assert valid.load().problems == []


def test_jpeg_is_fine(valid: Folder):
    make_jpeg(valid.root / "media" / "a.jpeg")
    valid.write(STORY, with_image("media/a.jpeg"))
    assert valid.load().problems == []


def test_decompression_bomb_is_an_error_not_an_exception(valid: Folder, monkeypatch):
    # Pillow raises above twice its MAX_IMAGE_PIXELS, before our own budget is even asked
    make_png(valid.root / "media" / "bomb.png", size=(300, 100))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100 * 100)
    p = image_problem(valid, "media/bomb.png")
    assert p.message == ("'media/bomb.png': the image is too large in pixels to be decoded safely "
                         "(decompression bomb?)")


def test_the_pixel_budget_is_checked_before_decoding(valid: Folder):
    # the exhibit's own budget, lowered for the test; Pillow's warning threshold plays no part
    valid.write("exhibit.yaml", EXHIBIT + "limits:\n  image_pixels: 20000\n")
    make_png(valid.root / "media" / "big.png", size=(150, 150))
    p = image_problem(valid, "media/big.png")
    assert p.message == ("'media/big.png': the image is 150×150 pixels (22,500 pixels), more than the limit of "
                         "20,000 pixels")
    assert "exhibit.yaml (limits: image_pixels: ...)" in p.hint


def test_an_image_under_the_pixel_limit_is_fine(valid: Folder, monkeypatch):
    make_png(valid.root / "media" / "ok.png", size=(100, 100))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100 * 100)
    valid.write(STORY, with_image("media/ok.png"))
    about_it = [p for p in valid.load().problems if "ok.png" in p.message]
    assert [p.message.split(": ", 1)[1].split(",")[0] for p in about_it] == [
        "the image is 100×100 pixels"]  # only "too small to fill the screen", never a decoding problem


def test_probe_image_reports_size_and_format(tmp_path: Path):
    info = probe_image(make_png(tmp_path / "a.png", size=(30, 20)))
    assert (info.width, info.height, info.format, info.error) == (30, 20, "PNG", "")


def test_probe_image_notices_a_changed_file(tmp_path: Path):
    path = make_png(tmp_path / "a.png", size=(30, 20))
    assert probe_image(path).error == ""
    path.write_bytes(b"garbage, now much longer than before so the size differs" * 10)
    assert probe_image(path).error != ""


def test_probe_image_of_a_missing_file(tmp_path: Path):
    assert probe_image(tmp_path / "nope.png").error.startswith("cannot read the file: ")


# -- where images appear ----------------------------------------------------------------------------

def test_portrait_and_attract_images_are_checked_too(valid: Folder):
    valid.write("witnesses/pham-tuan.yaml", WITNESS.replace(
        "summary:", "portrait:\n  file: media/portrait.png\n  caption: x\n  credit: y\n  alt: z\nsummary:", 1))
    valid.write("exhibit.yaml", EXHIBIT.replace("image: media/photo.png", "image: ../photo.png"))
    result = valid.load()
    p = the(result.problems, "witnesses/pham-tuan.yaml")
    assert (p.location.path, p.location.line, p.location.col) == ("witnesses/pham-tuan.yaml", 8, 9)
    assert p.message == "file not found: 'media/portrait.png'"
    assert p.hint == "did you mean 'media/photo.png'?"
    p = the(result.problems, "exhibit.yaml")
    assert (p.location.path, p.location.line, p.location.col) == ("exhibit.yaml", 14, 14)
    assert p.message == "'../photo.png' leads out of the content folder ('..')"
    assert result.content.witness("pham-tuan").portrait is None
    assert [s.chapter for s in result.content.exhibit.attract.slides] == ["1972-12-18"]


def test_image_without_credit_and_alt_warns(valid: Folder):
    valid.write(STORY, CHAPTER.replace('    credit: {vi: "Nguồn", en: "Credit"}\n', "")
                .replace('    alt: {vi: "Mô tả", en: "Description"}\n', ""))
    result = valid.load()
    assert [(p.location.path, p.location.line, p.location.col, p.is_error, p.message, p.hint)
            for p in result.problems] == [
        (STORY, 13, 5, False, "the image 'media/photo.png' has no alt", "add an alt text (alt: ...)"),
        (STORY, 13, 5, False, "the image 'media/photo.png' has no credit", "add a credit (credit: ...)"),
    ]
    assert len(result.content.chapter("1972-12-18").images) == 1


def test_an_image_too_small_for_the_screen_is_a_warning_with_the_size_needed(valid: Folder):
    make_png(valid.root / "media" / "small.png", size=(640, 360))
    valid.write(STORY, with_image("media/small.png"))
    result = valid.load()
    p = the(result.problems, STORY, "small.png")
    assert not p.is_error
    assert p.message == ("'media/small.png': the image is 640×360 pixels, smaller than the 1280×720 screen it "
                         "is shown on: it is enlarged 2.0× and will look blurred")
    assert p.hint == "use a version of at least 1280×720 pixels"
    assert result.content.chapter("1972-12-18").images  # still shown


def test_a_huge_image_file_is_a_warning(valid: Folder, monkeypatch):
    monkeypatch.setenv("KIOSK_MAX_IMAGE_MB", "0.001")  # 1 kB, so the small test image is "huge"
    make_jpeg(valid.root / "media" / "big.jpg")
    valid.write(STORY, with_image("media/big.jpg"))
    p = the(valid.load().problems, STORY, "big.jpg")
    assert not p.is_error and "more than" in p.message and "big.jpg" in p.message
