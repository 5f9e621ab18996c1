"""kiosk.core.media.derivatives: upright, sRGB, downscaled, cached images; built once; failures as DerivativeError."""

from __future__ import annotations

import os
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image, ImageCms, JpegImagePlugin

from kiosk.core.media import derivatives
from kiosk.core.media.derivatives import (
    SIZES,
    DerivativeError,
    PrepareReport,
    derivative,
    ensure,
    image_problems,
    pick_size,
    prepare,
)
from kiosk.core.media.probe import ImageInfo
from kiosk.core.problems import Location

BIG = (6000, 4000)


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KIOSK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def big_jpeg(tmp_path_factory) -> Path:
    """A 6000x4000 camera-sized JPEG, made once for the module."""
    path = tmp_path_factory.mktemp("big") / "big.jpg"
    bands = [Image.linear_gradient("L").resize(BIG), Image.radial_gradient("L").resize(BIG),
             Image.effect_noise((600, 400), 40).resize(BIG)]
    Image.merge("RGB", bands).save(path, "JPEG", quality=90)
    return path


def long_side(path: Path) -> int:
    with Image.open(path) as im:
        return max(im.size)


def opened(path: Path) -> Image.Image:
    with Image.open(path) as im:
        im.load()
        return im.copy()


def count_renders(monkeypatch, delay: float = 0.0) -> list[Path]:
    calls: list[Path] = []
    lock = threading.Lock()
    real = derivatives._render

    def spy(source, longest):
        with lock:
            calls.append(source)
        if delay:
            time.sleep(delay)
        return real(source, longest)

    monkeypatch.setattr(derivatives, "_render", spy)
    return calls


# -- sizes and places ----------------------------------------------------------------------------

@pytest.mark.parametrize(("w", "h", "name"), [
    (100, 50, "thumb"), (480, 480, "thumb"), (481, 10, "screen"), (1080, 1920, "screen"),
    (1921, 0, "zoom"), (3840, 2160, "zoom"), (8000, 8000, "zoom"), (-1, -1, "screen"), (0, 0, "screen"),
])
def test_pick_size_is_the_smallest_standard_size_that_covers_the_request(w, h, name):
    assert pick_size(w, h) == name


def test_sizes_and_unknown_names():
    assert SIZES == {"thumb": 480, "screen": 1920, "zoom": 3840}
    assert derivatives.size_name("thumbnail") == "thumb"
    with pytest.raises(ValueError, match="unknown derivative size 'huge'"):
        derivatives.size_name("huge")


# -- building ------------------------------------------------------------------------------------

def test_a_big_jpeg_is_decoded_in_draft_mode_and_downscaled(big_jpeg, monkeypatch, cache):
    drafts = []
    real_draft = JpegImagePlugin.JpegImageFile.draft

    def spy(self, mode, size):
        result = real_draft(self, mode, size)
        drafts.append((mode, size, self.size))
        return result

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    t0 = time.perf_counter()
    out = derivative(big_jpeg, "screen")
    cold = time.perf_counter() - t0
    # libjpeg scales by 1/2 in the DCT: 3000x2000 decoded, not 24 million pixels
    # (thumbnail() asks for a draft again; a JPEG accepts only the first)
    assert drafts[0] == ("RGB", (1920, 1280), (3000, 2000))
    assert out.suffix == ".jpg" and out.is_relative_to(cache)
    im = opened(out)
    assert im.size == (1920, 1280) and im.mode == "RGB"
    decoded = len(drafts)
    t0 = time.perf_counter()
    assert derivative(big_jpeg, "screen") == out
    warm = time.perf_counter() - t0
    assert len(drafts) == decoded, "the second call decoded the JPEG again instead of reusing the copy"
    print(f"3000x2000 JPEG to 1920 px: {cold * 1000:.0f} ms; again, from the cache: {warm * 1000:.1f} ms")


def test_a_thumbnail_of_a_big_jpeg_decodes_at_one_eighth(big_jpeg, monkeypatch):
    sizes = []
    real_load = JpegImagePlugin.JpegImageFile.load

    def spy(self):
        sizes.append(self.size)
        return real_load(self)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "load", spy)
    out = derivative(big_jpeg, "thumb")
    assert sizes[0] == (750, 500)
    assert opened(out).size == (480, 320)


def test_a_camera_mpo_jpeg_is_decoded_in_draft_mode_too(tmp_path, monkeypatch):
    src = tmp_path / "camera.jpg"
    frame = Image.new("RGB", (4000, 3000), "teal")
    frame.save(src, "MPO", save_all=True, append_images=[frame])
    sizes = []
    real_load = JpegImagePlugin.JpegImageFile.load
    def load(self):
        sizes.append(self.size)
        return real_load(self)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "load", load)
    assert opened(derivative(src, "screen")).size == (1920, 1440)
    assert sizes[0] == (2000, 1500)


def test_exif_rotated_jpeg_comes_out_upright(tmp_path):
    # stored landscape 400x200, left half red; orientation 6 = "rotate 90 clockwise to view"
    im = Image.new("RGB", (400, 200), "blue")
    im.paste("red", (0, 0, 200, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    src = tmp_path / "rotated.jpg"
    im.save(src, "JPEG", exif=exif)
    out = opened(derivative(src, "screen"))
    assert out.size == (200, 400)  # portrait, as the camera held it
    r, _g, b = out.getpixel((100, 50))  # rotated clockwise: the left (red) half is now on top
    assert r > 200 and b < 60
    r, _g, b = out.getpixel((100, 350))
    assert b > 200 and r < 60
    assert out.getexif().get(0x0112) is None  # no orientation left to apply twice


def test_cmyk_jpeg_becomes_rgb(tmp_path):
    src = tmp_path / "print.jpg"
    Image.new("CMYK", (300, 200), (0, 255, 255, 0)).save(src, "JPEG")  # red in CMYK
    out = opened(derivative(src, "thumb"))
    assert out.mode == "RGB" and out.size == (300, 200)  # never enlarged
    r, g, b = out.getpixel((150, 100))
    assert r > 200 and g < 60 and b < 60


def test_embedded_icc_profile_is_converted_to_srgb(tmp_path, monkeypatch):
    src = tmp_path / "icc.jpg"
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (64, 64), (200, 100, 50)).save(src, "JPEG", icc_profile=srgb, quality=95)
    seen = []
    real = ImageCms.profileToProfile

    def spy(im, inp, out, **kw):
        seen.append(kw.get("outputMode"))
        return real(im, inp, out, **kw)

    monkeypatch.setattr(ImageCms, "profileToProfile", spy)
    out = opened(derivative(src, "thumb"))
    assert seen == ["RGB"]
    assert "icc_profile" not in out.info
    r, g, b = out.getpixel((32, 32))
    assert abs(r - 200) < 8 and abs(g - 100) < 8 and abs(b - 50) < 8


def test_a_broken_icc_profile_keeps_the_colours(tmp_path):
    src = tmp_path / "bad-icc.png"
    Image.new("RGB", (32, 32), (10, 200, 30)).save(src, "PNG", icc_profile=b"not a profile at all")
    out = opened(derivative(src, "thumb"))
    assert out.getpixel((5, 5)) == (10, 200, 30)


def test_16_bit_png_is_scaled_not_clipped(tmp_path):
    src = tmp_path / "scan16.png"
    im = Image.new("I;16", (256, 64), 0xFFFF)
    im.paste(Image.new("I;16", (128, 64), 0x8000), (0, 0))
    im.save(src, "PNG")
    with Image.open(src) as check:
        assert check.mode.startswith("I")
    out = opened(derivative(src, "thumb"))
    assert out.mode == "RGB"
    assert out.getpixel((20, 20)) == (128, 128, 128)
    assert out.getpixel((200, 20)) == (255, 255, 255)


def test_palette_png_with_transparency_keeps_its_alpha_as_png(tmp_path):
    src = tmp_path / "logo.png"
    im = Image.new("P", (600, 300), 0)
    im.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    im.paste(1, (0, 0, 300, 300))
    im.save(src, "PNG", transparency=0)
    path = derivative(src, "thumb")
    assert path.suffix == ".png"
    out = opened(path)
    assert out.mode == "RGBA" and out.size == (480, 240)
    assert out.getpixel((50, 50)) == (200, 0, 0, 255)
    assert out.getpixel((400, 50))[3] == 0


def test_an_opaque_alpha_channel_is_saved_as_jpeg(tmp_path):
    src = tmp_path / "screenshot.png"
    Image.new("RGBA", (100, 100), (1, 2, 3, 255)).save(src)
    assert derivative(src, "thumb").suffix == ".jpg"


def test_greyscale_and_la_images(tmp_path):
    src = tmp_path / "grey.png"
    Image.new("LA", (50, 40), (90, 128)).save(src)
    out = opened(derivative(src, "thumb"))
    assert out.mode == "RGBA" and out.getpixel((1, 1)) == (90, 90, 90, 128)
    src = tmp_path / "grey.jpg"
    Image.new("L", (50, 40), 90).save(src)
    out = opened(derivative(src, "thumb"))
    assert out.mode == "RGB" and abs(out.getpixel((1, 1))[0] - 90) <= 2


# -- the cache -----------------------------------------------------------------------------------

def test_an_unchanged_source_is_reused_and_a_changed_one_rebuilt(tmp_path, monkeypatch):
    calls = count_renders(monkeypatch)
    src = tmp_path / "photo.jpg"
    Image.new("RGB", (800, 600), "red").save(src)
    first, built = ensure(src, "thumb")
    assert built and len(calls) == 1
    stamp = first.stat().st_mtime_ns
    for _ in range(3):
        again, built = ensure(src, "thumb")
        assert again == first and not built
    assert len(calls) == 1 and first.stat().st_mtime_ns == stamp

    Image.new("RGB", (800, 600), "green").save(src)
    os.utime(src, ns=(time.time_ns(), time.time_ns() + 1_000_000_000))  # a later mtime even on coarse clocks
    changed, built = ensure(src, "thumb")
    assert built and changed != first and len(calls) == 2
    assert opened(changed).getpixel((5, 5))[1] > 100  # green
    # other sizes are separate derivatives
    assert ensure(src, "screen")[1] and len(calls) == 3


def test_the_key_names_path_size_mtime_size_name_and_version(tmp_path, monkeypatch):
    src = tmp_path / "a.png"
    Image.new("RGB", (10, 10)).save(src)
    k = derivatives.cache_key(src, "thumb")
    assert k == derivatives.cache_key(src, "thumbnail") != derivatives.cache_key(src, "screen")
    monkeypatch.setattr(derivatives, "FORMAT_VERSION", derivatives.FORMAT_VERSION + 1)
    assert derivatives.cache_key(src, "thumb") != k


def test_derivatives_are_written_atomically(tmp_path, cache):
    src = tmp_path / "photo.png"
    Image.new("RGB", (700, 700), "navy").save(src)
    path = derivative(src, "thumb")
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)


def test_concurrent_requests_build_once(tmp_path, monkeypatch):
    calls = count_renders(monkeypatch, delay=0.1)
    src = tmp_path / "popular.jpg"
    Image.new("RGB", (2000, 1500), "orange").save(src)
    barrier = threading.Barrier(8)

    def ask(_):
        barrier.wait()
        return derivative(src, "screen")

    with ThreadPoolExecutor(8) as pool:
        paths = list(pool.map(ask, range(8)))
    assert len(set(paths)) == 1 and len(calls) == 1
    assert opened(paths[0]).size == (1920, 1440)
    assert derivatives._locks._locks == {}  # per-key locks are dropped once unused


def test_a_cache_that_cannot_be_written_is_a_derivative_error(tmp_path):
    src = tmp_path / "photo.png"
    Image.new("RGB", (10, 10)).save(src)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(DerivativeError, match="cannot write the image cache"):
        derivative(src, "thumb", cache=blocker)


# -- failures ------------------------------------------------------------------------------------

def test_a_truncated_jpeg_is_a_derivative_error(tmp_path, monkeypatch):
    whole = tmp_path / "whole.jpg"
    Image.effect_noise((400, 300), 50).convert("RGB").save(whole, quality=90)
    src = tmp_path / "cut.jpg"
    src.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    calls = count_renders(monkeypatch)
    with pytest.raises(DerivativeError, match=r"'cut.jpg' is damaged or truncated") as info:
        derivative(src, "thumb")
    assert info.value.source == src
    with pytest.raises(DerivativeError, match="truncated"):
        derivative(src, "thumb")
    assert len(calls) == 1  # an unchanged damaged file is not decoded again


def test_an_unreadable_source_is_tried_again(tmp_path, monkeypatch):
    src = tmp_path / "locked.png"
    Image.new("RGB", (10, 10)).save(src)
    real_open = Image.open

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Image, "open", denied)
    with pytest.raises(DerivativeError, match=r"cannot read 'locked\.png': Permission denied"):
        derivative(src, "thumb")
    monkeypatch.setattr(Image, "open", real_open)  # the permission is fixed; the file is unchanged
    assert derivative(src, "thumb").is_file()


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.jpg", b"", "not an image"),
    ("text.png", b"hello, I am not a picture", "not an image"),
])
def test_files_that_are_not_images(tmp_path, name, data, message):
    src = tmp_path / name
    src.write_bytes(data)
    with pytest.raises(DerivativeError, match=message):
        derivative(src, "thumb")


def test_a_missing_source_is_a_derivative_error(tmp_path):
    with pytest.raises(DerivativeError, match=r"cannot read 'gone\.jpg'"):
        derivative(tmp_path / "gone.jpg", "thumb")


@pytest.mark.parametrize("limit", [4_000, 6_000])  # over 2x the limit (Pillow's error), over 1x (its warning)
def test_a_decompression_bomb_is_a_derivative_error_and_no_warning_leaks(tmp_path, monkeypatch, limit):
    src = tmp_path / "bomb.png"
    Image.new("L", (100, 100)).save(src)  # 10,000 pixels
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", limit)
    filters = list(warnings.filters)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        expected = rf"too large to decode safely \(10,000 pixels, the limit is {limit:,}\)"
        with pytest.raises(DerivativeError, match=expected):
            derivative(src, "thumb")
    assert caught == []
    assert list(warnings.filters) == filters


def test_the_pixel_limit_holds_even_when_the_warning_is_filtered_away(tmp_path, monkeypatch):
    src = tmp_path / "bomb.png"
    Image.new("L", (100, 100)).save(src)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 6_000)
    monkeypatch.setattr(Image, "_decompression_bomb_check", lambda size: None)
    with pytest.raises(DerivativeError, match="too large to decode safely"):
        derivative(src, "thumb")


# -- prepare -------------------------------------------------------------------------------------

def test_prepare_reports_built_reused_and_failed(tmp_path):
    root = tmp_path / "content"
    (root / "media").mkdir(parents=True)
    for i in range(3):
        Image.new("RGB", (900, 600), (i * 50, 0, 0)).save(root / "media" / f"p{i}.jpg")
    (root / "media" / "bad.jpg").write_bytes(b"\xff\xd8\xff garbage")
    rels = ["media/p0.jpg", "media/p1.jpg", "media/bad.jpg", "../outside.jpg", "media/p2.jpg", "media/p0.jpg"]
    seen = []
    report = prepare(root, rels, progress=lambda done, total, rel: seen.append((done, total, rel)))
    assert isinstance(report, PrepareReport)
    assert (report.built, report.reused) == (6, 0)
    assert [rel for rel, _ in report.failed] == ["media/bad.jpg", "../outside.jpg"]
    assert "leads out of the content folder" in report.failed[1][1]
    assert not report.ok
    assert [d for d, _, _ in seen] == [1, 2, 3, 4, 5] and {t for _, t, _ in seen} == {5}
    assert {r for _, _, r in seen} == set(rels)

    again = prepare(root, rels, sizes=("thumb", "screen", "zoom"), workers=1)
    assert (again.built, again.reused, len(again.failed)) == (3, 6, 2)


# -- content warnings ----------------------------------------------------------------------------

def test_image_problems_warn_about_small_and_heavy_images():
    loc = Location("story/a.yaml", 12, 11)
    small = image_problems(ImageInfo(1000, 500, "JPEG"), 1920, 1080, 20_000_000, file_bytes=48_200_000, location=loc)
    assert [p.is_error for p in small] == [False, False]
    assert small[0].location == loc
    assert small[0].message == ("the image is 1000×500 pixels, smaller than the 1920×1080 screen it is shown on: "
                                "it is enlarged 1.9× and will look blurred")
    assert small[0].hint == "use a version of at least 1920×960 pixels"
    assert small[1].message == "the image file is 48.2 MB, more than 20.0 MB"
    # big enough in one direction: it is fitted, not enlarged
    assert image_problems(ImageInfo(1600, 1200, "JPEG"), 1920, 1080, 0, file_bytes=10**9) == []
    assert image_problems(ImageInfo(error="damaged"), 1920, 1080, 1, file_bytes=10) == []
