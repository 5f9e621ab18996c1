#!/usr/bin/env python3
"""Generate the honest, non-photographic artwork for the sample exhibit
"Hà Nội – Điện Biên Phủ trên không" (B-52 raids, 18–29 December 1972).

Everything here is drawn: typographic cards, schematic maps plotted from
lat/lon, simple diagrams and clearly-labelled placeholders for the museum's
own photographs. No photograph or likeness is imitated.

Usage:
    python tools/make_artwork.py [--out content/media]

Requires Python 3.11+ and Pillow only. Fonts are loaded from assets/fonts/
(relative to the repository root derived from this file's location), never
from system paths. Output is deterministic (no randomness, no timestamps).
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = ROOT / "assets" / "fonts"

# ---------------------------------------------------------------- palette
BG = "#15120f"
PANEL = "#231e1a"
CREAM = "#f4ede3"
AMBER = "#e0a93b"
MUTED = "#cbbfae"
DIM = "#8a7f72"        # quieter than MUTED, for tertiary text
LINE = "#3a322b"       # hairlines, grids, empty segments
AMBER_DIM = "#7a5c24"  # "already happened" segments
RIVER = "#4d6470"      # desaturated blue-grey, schematic river
OTHER = "#6f655a"      # third bar segment

SS = 2  # supersampling factor; everything is drawn at SS x and reduced

# ---------------------------------------------------------------- fonts
_FONT_FILES = {
    "regular": "NotoSans-Regular.ttf",
    "bold": "NotoSans-Bold.ttf",
    # SemiBold is optional; falls back to Bold when not shipped.
    "semibold": "NotoSans-SemiBold.ttf",
}
# Noto Sans has no U+2248 (≈); Noto Sans Math (same OFL licence) is used as
# a per-glyph fallback so the sign renders instead of a "tofu" box.
_FALLBACK_FILE = "NotoSansMath-Regular.ttf"
_font_cache: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}
_glyph_cache: dict[str, bool] = {}


def _font_path(weight: str) -> Path:
    p = FONT_DIR / _FONT_FILES[weight]
    if not p.exists() and weight == "semibold":
        p = FONT_DIR / _FONT_FILES["bold"]
    if not p.exists():
        raise SystemExit(f"missing font {p} (copy Noto Sans into assets/fonts/)")
    return p


def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    key = (weight, size)
    if key not in _font_cache:
        path = FONT_DIR / _FALLBACK_FILE if weight == "fallback" else _font_path(weight)
        _font_cache[key] = ImageFont.truetype(str(path), size)
    return _font_cache[key]


def has_glyph(ch: str) -> bool:
    """True if Noto Sans itself has the character (not .notdef)."""
    if ch not in _glyph_cache:
        f = font("regular", 40)
        notdef = f.getmask("\U000F0000")  # private-use plane: always .notdef
        m = f.getmask(ch)
        _glyph_cache[ch] = ch.isspace() or not (
            m.size == notdef.size and bytes(m) == bytes(notdef)
        )
    return _glyph_cache[ch]


def runs(text: str, weight: str) -> list[tuple[str, str]]:
    """Split text into (weight, substring) runs, using the fallback font for
    characters Noto Sans lacks."""
    out: list[tuple[str, str]] = []
    for ch in text:
        w = weight if has_glyph(ch) else "fallback"
        if out and out[-1][0] == w:
            out[-1] = (w, out[-1][1] + ch)
        else:
            out.append((w, ch))
    return out


# ---------------------------------------------------------------- canvas
class Canvas:
    """Drawing surface in final-pixel coordinates, rendered at SS x."""

    def __init__(self, w: int, h: int, bg: str = BG):
        self.w, self.h = w, h
        self.img = Image.new("RGB", (w * SS, h * SS), bg)
        self.d = ImageDraw.Draw(self.img)

    # -- primitives
    @staticmethod
    def _s(v: float) -> int:
        return round(v * SS)

    def rect(self, x0, y0, x1, y1, fill=None, outline=None, width=1, radius=0):
        box = [self._s(x0), self._s(y0), self._s(x1), self._s(y1)]
        if radius:
            self.d.rounded_rectangle(box, radius=self._s(radius), fill=fill,
                                     outline=outline, width=self._s(width) if outline else 0)
        else:
            self.d.rectangle(box, fill=fill, outline=outline,
                             width=self._s(width) if outline else 0)

    def line(self, pts, fill, width=1.0):
        p = [(self._s(x), self._s(y)) for x, y in pts]
        self.d.line(p, fill=fill, width=max(1, self._s(width)), joint="curve")
        if width >= 2:  # round caps
            r = width / 2
            for x, y in (pts[0], pts[-1]):
                self.circle(x, y, r, fill=fill)

    def dashed(self, pts, fill, width=1.0, dash=12.0, gap=8.0):
        """Dashed polyline; the dash pattern continues across vertices."""
        on, left = True, dash
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            seg = math.hypot(x1 - x0, y1 - y0)
            t = 0.0
            while t < seg - 1e-9:
                step = min(left, seg - t)
                if on:
                    a, b = t / seg, (t + step) / seg
                    self.line([(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a),
                               (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)], fill, width)
                t += step
                left -= step
                if left <= 1e-9:
                    on = not on
                    left = dash if on else gap

    def dashed_rect(self, x0, y0, x1, y1, fill, width=2, dash=18, gap=12):
        self.dashed([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)],
                    fill, width, dash, gap)

    def circle(self, cx, cy, r, fill=None, outline=None, width=1):
        box = [self._s(cx - r), self._s(cy - r), self._s(cx + r), self._s(cy + r)]
        self.d.ellipse(box, fill=fill, outline=outline,
                       width=self._s(width) if outline else 0)

    def polygon(self, pts, fill=None, outline=None, width=1):
        p = [(self._s(x), self._s(y)) for x, y in pts]
        self.d.polygon(p, fill=fill, outline=outline,
                       width=self._s(width) if outline else 0)

    # -- text
    def textw(self, text: str, size: int, weight: str = "regular") -> float:
        return sum(font(w, size * SS).getlength(s) for w, s in runs(text, weight)) / SS

    def fit(self, text: str, size: int, maxw: float, weight: str = "regular",
            minsize: int = 12) -> int:
        while size > minsize and self.textw(text, size, weight) > maxw:
            size -= 1
        return size

    def wrap(self, text: str, size: int, maxw: float, weight: str = "regular") -> list[str]:
        lines: list[str] = []
        cur = ""
        for word in text.split(" "):
            trial = f"{cur} {word}" if cur else word
            if cur and self.textw(trial, size, weight) > maxw:
                lines.append(cur)
                cur = word
            else:
                cur = trial
        if cur:
            lines.append(cur)
        return lines

    def ink_box(self, text: str, size: int, weight: str = "regular"):
        """(top, bottom) of the inked area relative to the baseline."""
        top, bot = 0.0, 0.0
        for w, s in runs(text, weight):
            b = font(w, size * SS).getbbox(s, anchor="ls")
            top, bot = min(top, b[1] / SS), max(bot, b[3] / SS)
        return top, bot

    def text(self, x, y, text, size, weight="regular", fill=CREAM, align="left",
             valign="baseline", stroke=0, stroke_fill=None):
        """Draw text. (x, y) is on the baseline unless valign is 'middle'
        (vertical centre of the ink) or 'cap' (y = top of capital letters).
        Returns the width in final pixels."""
        width = self.textw(text, size, weight)
        if align == "center":
            x -= width / 2
        elif align == "right":
            x -= width
        if valign == "middle":
            top, bot = self.ink_box(text, size, weight)
            y -= (top + bot) / 2
        elif valign == "cap":
            top, _ = self.ink_box("H", size, weight)
            y -= top
        cx = x * SS
        for w, s in runs(text, weight):
            f = font(w, size * SS)
            self.d.text((cx, y * SS), s, font=f, fill=fill, anchor="ls",
                        stroke_width=round(stroke * SS), stroke_fill=stroke_fill)
            cx += f.getlength(s)
        return width

    # -- output
    def save(self, path: Path, colors: int = 96):
        img = self.img.resize((self.w, self.h), Image.Resampling.LANCZOS)
        img = img.quantize(colors=colors, method=Image.Quantize.MEDIANCUT,
                           dither=Image.Dither.NONE)
        path.parent.mkdir(parents=True, exist_ok=True)
        img.save(path, optimize=True)
        return path


# ---------------------------------------------------------------- shared bits
TITLE_VI = "Hà Nội – Điện Biên Phủ trên không"
TITLE_EN = "Hanoi – Dien Bien Phu in the Air"
DAYS = list(range(18, 30))  # 18..29 December 1972


def header(c: Canvas, vi: str, en: str, x=80, maxw=1760):
    s = c.fit(vi, 52, maxw, "bold")
    c.text(x, 104, vi, s, "bold", CREAM)
    s2 = c.fit(en, 34, maxw)
    c.text(x, 154, en, s2, "regular", MUTED)


def footer(c: Canvas, text: str, x=80, y=None, maxw=1760, size=24):
    y = c.h - 42 if y is None else y
    s = c.fit(text, size, maxw)
    c.text(x, y, text, s, "regular", MUTED)


def progress_strip(c: Canvas, x0, x1, y, current: int | None, mode: str = "day",
                   h: float = 14, labels: bool = True):
    """12 segments for 18..29 Dec. mode: 'day' (highlight current),
    'before' (all upcoming), 'after' (all done)."""
    n, gap = 12, 8
    segw = (x1 - x0 - gap * (n - 1)) / n
    for i, day in enumerate(DAYS):
        sx = x0 + i * (segw + gap)
        if mode == "before":
            col, lab = LINE, DIM
        elif mode == "after":
            col, lab = AMBER_DIM, DIM
        elif day == current:
            col, lab = AMBER, AMBER
        elif current is not None and day < current:
            col, lab = AMBER_DIM, DIM
        else:
            col, lab = LINE, DIM
        if day == 25:  # Christmas pause: drawn hollow
            c.rect(sx, y, sx + segw, y + h, outline="#5a4f45" if col == LINE else col,
                   width=3, radius=3)
        else:
            c.rect(sx, y, sx + segw, y + h, fill=col, radius=3)
        if labels:
            c.text(sx + segw / 2, y + h + 34, f"{day}", 24,
                   "bold" if day == current else "regular", lab, align="center")
    if mode == "before":
        c.polygon([(x0 - 30, y + h / 2 - 10), (x0 - 14, y + h / 2), (x0 - 30, y + h / 2 + 10)],
                  fill=AMBER)
    if mode == "after":
        c.polygon([(x1 + 14, y + h / 2 - 10), (x1 + 30, y + h / 2), (x1 + 14, y + h / 2 + 10)],
                  fill=AMBER)


# ---------------------------------------------------------------- title card
def make_title(out: Path):
    c = Canvas(1920, 1080)
    # faint concentric arcs (radar-scope motif) in the lower right corner
    cx, cy = 1920 + 60, 1080 + 60
    for i, r in enumerate(range(220, 1100, 110)):
        c.circle(cx, cy, r, outline="#221d19" if i % 2 else "#2a241f", width=2)
    for ang in (200, 225, 250):
        a = math.radians(ang)
        c.line([(cx, cy), (cx + 1100 * math.cos(a), cy + 1100 * math.sin(a))], "#221d19", 2)

    x = 160
    c.rect(x, 120, x + 120, 128, fill=AMBER)
    c.text(x, 290, "Hà Nội –", 124, "bold", CREAM)
    s = c.fit("Điện Biên Phủ trên không", 124, 1600, "bold")
    c.text(x, 440, "Điện Biên Phủ trên không", s, "bold", CREAM)
    c.text(x, 540, TITLE_EN, 60, "regular", MUTED)
    c.text(x, 720, "18–29.12.1972", 112, "bold", AMBER)
    c.rect(x, 800, x + 1600, 802, fill=LINE)
    c.text(x, 880, "50 năm · 50 years · 1972–2022", 46, "regular", CREAM)
    return c.save(out / "art" / "title-card.png")


# ---------------------------------------------------------------- maps
R_EARTH_KM = 6371.0088
KM_PER_DEG = 2 * math.pi * R_EARTH_KM / 360.0  # ≈ 111.195 km


class Projection:
    """Equirectangular projection centred on (lat0, lon0)."""

    def __init__(self, lat0, lon0, px_per_km, cx, cy):
        self.lat0, self.lon0, self.k, self.cx, self.cy = lat0, lon0, px_per_km, cx, cy
        self.kx = KM_PER_DEG * math.cos(math.radians(lat0))

    def xy(self, lat, lon):
        return (self.cx + (lon - self.lon0) * self.kx * self.k,
                self.cy - (lat - self.lat0) * KM_PER_DEG * self.k)

    def latlon(self, x, y):
        return (self.lat0 - (y - self.cy) / (KM_PER_DEG * self.k),
                self.lon0 + (x - self.cx) / (self.kx * self.k))

    @classmethod
    def fit(cls, pts, box, pad_km):
        """Fit lat/lon points into box=(x0,y0,x1,y1) with pad_km=(l,t,r,b)."""
        lats = [p[0] for p in pts]
        lons = [p[1] for p in pts]
        lat0 = (min(lats) + max(lats)) / 2
        kx = KM_PER_DEG * math.cos(math.radians(lat0))
        west = (min(lons) - max(lons)) / 2 * kx - pad_km[0]
        east = (max(lons) - min(lons)) / 2 * kx + pad_km[2]
        north = (max(lats) - min(lats)) / 2 * KM_PER_DEG + pad_km[1]
        south = -(max(lats) - min(lats)) / 2 * KM_PER_DEG - pad_km[3]
        bw, bh = box[2] - box[0], box[3] - box[1]
        k = min(bw / (east - west), bh / (north - south))
        lon0 = (min(lons) + max(lons)) / 2
        # place the padded extent centred in the box
        cx = box[0] + bw / 2 - (east + west) / 2 * k
        cy = box[1] + bh / 2 + (north + south) / 2 * k
        return cls(lat0, lon0, k, cx, cy)


def nice_scale(px_per_km, lo=120, hi=240):
    for km in (0.25, 0.5, 1, 2, 5, 10, 20, 25, 50, 100):
        if lo <= km * px_per_km <= hi:
            return km
    return min((0.25, 0.5, 1, 2, 5, 10, 20, 25, 50, 100),
               key=lambda km: abs(km * px_per_km - (lo + hi) / 2))


def fmt_km(v):
    return f"{v:g}".replace(".", ",")


def scale_bar(c: Canvas, proj: Projection, x, y):
    """Scale bar at (x, y) = left end of the bar, length computed from the
    projection (exact along the central parallel)."""
    km = nice_scale(proj.k)
    L = km * proj.k
    h = 10
    for i in range(4):
        c.rect(x + i * L / 4, y, x + (i + 1) * L / 4, y + h,
               fill=CREAM if i % 2 == 0 else PANEL, outline=CREAM, width=1.5)
    c.text(x, y - 12, "0", 22, "regular", MUTED, align="center")
    c.text(x + L / 2, y - 12, fmt_km(km / 2), 22, "regular", MUTED, align="center")
    c.text(x + L, y - 12, f"{fmt_km(km)} km", 22, "bold", CREAM, align="center")
    c.text(x, y + h + 30, "Tỉ lệ · Scale", 20, "regular", DIM)


def north_arrow(c: Canvas, x, y, size=60):
    """North arrow with tip at (x, y)."""
    w = size * 0.38
    c.polygon([(x, y), (x + w, y + size), (x, y + size * 0.72)], fill=CREAM)
    c.polygon([(x, y), (x - w, y + size), (x, y + size * 0.72)], fill=MUTED)
    c.polygon([(x, y), (x - w, y + size), (x, y + size * 0.72)], outline=CREAM, width=1.5)
    c.text(x, y + size + 36, "B · N", 24, "bold", CREAM, align="center")
    c.text(x, y + size + 62, "Bắc · North", 18, "regular", DIM, align="center")


def graticule(c: Canvas, proj: Projection, box, step, decimals, labels=False):
    """Grid lines (labels=False) or their edge labels (labels=True)."""
    x0, y0, x1, y1 = box
    lat_n, lon_w = proj.latlon(x0, y0)
    lat_s, lon_e = proj.latlon(x1, y1)
    fmt = f"{{:.{decimals}f}}"
    lon = math.ceil(lon_w / step) * step
    while lon <= lon_e + 1e-9:
        x, _ = proj.xy(lat_n, lon)
        if x0 + 8 < x < x1 - 100:
            if labels:
                c.text(x + 6, y1 - 10, fmt.format(lon) + "°E", 16, "regular", DIM,
                       stroke=3, stroke_fill=PANEL)
            else:
                c.line([(x, y0), (x, y1)], LINE, 1)
        lon += step
    lat = math.ceil(lat_s / step) * step
    while lat <= lat_n + 1e-9:
        _, y = proj.xy(lat, lon_w)
        if y0 + 34 < y < y1 - 34:
            if labels:
                c.text(x0 + 8, y - 6, fmt.format(lat) + "°N", 16, "regular", DIM,
                       stroke=3, stroke_fill=PANEL)
            else:
                c.line([(x0, y), (x1, y)], LINE, 1)
        lat += step


def catmull_rom(pts, n=16):
    out = []
    P = [pts[0]] + list(pts) + [pts[-1]]
    for i in range(1, len(P) - 2):
        p0, p1, p2, p3 = P[i - 1], P[i], P[i + 1], P[i + 2]
        for j in range(n):
            t = j / n
            t2, t3 = t * t, t * t * t
            out.append(tuple(0.5 * (2 * p1[k] + (-p0[k] + p2[k]) * t
                                    + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t2
                                    + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t3)
                             for k in range(2)))
    out.append(pts[-1])
    return out


# Red River (Sông Hồng): a deliberately coarse schematic through a handful of
# approximate waypoints (lat, lon) — Trung Hà/Việt Trì reach, Sơn Tây, the
# Thượng Cát–Nhật Tân reach north of Hanoi, Long Biên bridge, Thanh Trì,
# then south-east towards Hưng Yên. Labelled "schematic" on the map.
RED_RIVER = [
    (21.36, 105.30), (21.30, 105.40), (21.18, 105.47), (21.155, 105.52),
    (21.12, 105.62), (21.10, 105.74), (21.085, 105.815), (21.06, 105.850),
    (21.035, 105.862), (21.00, 105.880), (20.96, 105.900), (20.86, 105.960),
    (20.74, 106.020), (20.64, 106.060),
]


def draw_marker(c: Canvas, x, y, kind):
    if kind == "ref":      # city-centre reference: cream square
        c.rect(x - 11, y - 11, x + 11, y + 11, fill=CREAM, outline=BG, width=3)
    elif kind == "target":  # target: amber ring with centre dot
        c.circle(x, y, 17, fill=PANEL, outline=AMBER, width=4)
        c.circle(x, y, 6, fill=AMBER)
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            c.line([(x + dx * 20, y + dy * 20), (x + dx * 28, y + dy * 28)], AMBER, 3)
    else:                   # site: amber dot
        c.circle(x, y, 12, fill=AMBER, outline=BG, width=3)


def draw_label(c: Canvas, x, y, lines, dx, dy, align="left", vi=32, en=22):
    """Label block of (text, role) lines; anchor = marker + (dx, dy).
    align: left/right/center; the block is vertically centred on the anchor
    unless dy is large (then it sits above/below)."""
    sizes = {"vi": (vi, "bold", CREAM), "vi2": (en + 2, "regular", CREAM),
             "en": (en, "regular", MUTED)}
    lh = [sizes[r][0] * 1.3 for _, r in lines]
    total = sum(lh)
    ax, ay = x + dx, y + dy
    if abs(dx) > 40 or abs(dy) > 40:  # leader line
        c.line([(x, y), (ax, ay)], MUTED, 2)
        c.circle(ax, ay, 3, fill=MUTED)
    if dy < -40 and abs(dx) < 40:
        top = ay - total - 6
    elif dy > 40 and abs(dx) < 40:
        top = ay + 6
    else:
        top = ay - total / 2
    pad = 12 if align == "left" else -12 if align == "right" else 0
    yy = top
    for (t, r), h in zip(lines, lh):
        size, weight, col = sizes[r]
        yy += h
        c.text(ax + pad, yy - h * 0.26, t, size, weight, col, align=align,
               stroke=5, stroke_fill=PANEL)


def draw_map(out_path: Path, title_vi, title_en, sites, pad_km, grid_step, grid_dec,
             note=None, river=None, legend=()):
    """Map panel on the left, sidebar (north arrow, legend, scale) on the right.
    river: None, or (lat, lon, dx, dy) where the schematic river's label goes."""
    c = Canvas(1920, 1080)
    box = (80, 190, 1480, 975)
    side = (1500, 190, 1840, 975)
    c.rect(*box, fill=PANEL)
    c.rect(*side, fill=PANEL)
    proj = Projection.fit([(s["lat"], s["lon"]) for s in sites], box, pad_km)
    graticule(c, proj, box, grid_step, grid_dec)
    if river:
        pts = catmull_rom([proj.xy(la, lo) for la, lo in RED_RIVER])
        c.line(pts, RIVER, 7)
    graticule(c, proj, box, grid_step, grid_dec, labels=True)
    # clip: repaint everything outside the map panel
    c.rect(0, 0, 1920, box[1], fill=BG)
    c.rect(0, box[3], 1920, 1080, fill=BG)
    c.rect(0, 0, box[0], 1080, fill=BG)
    c.rect(box[2], 0, side[0], 1080, fill=BG)
    c.rect(*side, fill=PANEL)
    c.rect(*box, outline=LINE, width=2)
    if river:
        la, lo, dx, dy = river
        x, y = proj.xy(la, lo)
        c.text(x + dx, y + dy, "Sông Hồng (sơ đồ)", 22, "bold", "#8fa6b2",
               stroke=4, stroke_fill=PANEL)
        c.text(x + dx, y + dy + 26, "Red River (schematic)", 18, "regular", "#8fa6b2",
               stroke=4, stroke_fill=PANEL)

    for s in sites:
        x, y = proj.xy(s["lat"], s["lon"])
        draw_label(c, x, y, s["label"], *s["at"], align=s.get("align", "left"))
    for s in sites:
        x, y = proj.xy(s["lat"], s["lon"])
        draw_marker(c, x, y, s.get("kind", "site"))

    header(c, title_vi, title_en)
    # sidebar: north arrow, legend, scale bar
    sx = side[0] + 34
    north_arrow(c, (side[0] + side[2]) / 2, side[1] + 36)
    c.rect(sx, side[1] + 196, side[2] - 34, side[1] + 198, fill=LINE)
    ly = side[1] + 248
    for kind, vi, en in legend:
        mx, my = sx + 12, ly - 9
        if kind == "river":
            c.line([(mx - 12, my), (mx + 12, my)], RIVER, 7)
        elif kind == "approx":
            c.text(mx, my, "≈", 32, "bold", CREAM, align="center", valign="middle")
        elif kind == "ref":
            c.rect(mx - 9, my - 9, mx + 9, my + 9, fill=CREAM)
        elif kind == "target":
            c.circle(mx, my, 12, fill=PANEL, outline=AMBER, width=3)
            c.circle(mx, my, 4, fill=AMBER)
        else:
            c.circle(mx, my, 10, fill=AMBER)
        c.text(sx + 44, ly, vi, 22, "bold", CREAM)
        c.text(sx + 44, ly + 28, en, 19, "regular", MUTED)
        ly += 76
    scale_bar(c, proj, sx + 8, side[3] - 90)
    foot = "Sơ đồ minh họa, vị trí gần đúng · Schematic map, approximate positions (WGS84)"
    if note:
        footer(c, note, y=1016, size=24)
        footer(c, foot, y=1052, size=22)
    else:
        footer(c, foot, y=1040)
    return c.save(out_path, colors=128)


def L(vi, en, vi2=None):
    lines = [(vi, "vi")]
    if vi2:
        lines.append((vi2, "vi2"))
    lines.append((en, "en"))
    return lines


def make_maps(out: Path):
    written = []
    # ---------------- region
    region = [
        dict(lat=21.028, lon=105.854, kind="ref", label=L("Hà Nội", "Hanoi (centre)"),
             at=(-60, 70), align="right"),
        dict(lat=21.2211, lon=105.8072, label=L("Nội Bài (Phúc Yên)", "Nội Bài (Phúc Yên) airfield"),
             at=(-20, -70), align="right"),
        dict(lat=21.0410, lon=105.8860, label=L("Gia Lâm", "Gia Lâm airfield"),
             at=(60, 62)),
        dict(lat=21.038, lon=105.490, label=L("Hòa Lạc", "Hòa Lạc airfield"),
             at=(0, 50), align="center"),
        dict(lat=21.39, lon=106.26, label=L("≈ Kép", "Kép airfield"), at=(18, 0)),
        dict(lat=21.08, lon=105.92, label=L("≈ Yên Viên", "Yên Viên rail yard"),
             at=(60, -40)),
        dict(lat=20.8651, lon=106.6838, label=L("Hải Phòng", "Hải Phòng port"), at=(0, -50),
             align="center"),
        dict(lat=21.59, lon=105.85, label=L("≈ Thái Nguyên", "Thái Nguyên"), at=(18, 0)),
    ]
    legend = [("ref", "Trung tâm Hà Nội", "Hanoi centre"),
              ("site", "Địa điểm", "Site"),
              ("approx", "Vị trí ước lượng", "Approximate position"),
              ("river", "Sông Hồng (sơ đồ)", "Red River (schematic)")]
    written.append(draw_map(out / "maps" / "hanoi-region.png",
                            "Hà Nội và vùng lân cận, 12/1972",
                            "Hanoi and the surrounding region, December 1972",
                            region, pad_km=(14, 7, 12, 5), grid_step=0.1, grid_dec=1,
                            river=(21.15, 105.52, 0, 66), legend=legend))

    # ---------------- city
    city = [
        dict(lat=21.0287, lon=105.8524, kind="ref",
             label=L("Hồ Hoàn Kiếm", "Hoàn Kiếm Lake (city centre)"), at=(18, 0)),
        dict(lat=21.0010, lon=105.8407, label=L("Bệnh viện Bạch Mai", "Bạch Mai Hospital"),
             at=(18, 0)),
        dict(lat=21.019, lon=105.839, label=L("≈ Phố Khâm Thiên", "Khâm Thiên street memorial",
                                               "Đài tưởng niệm"),
             at=(-18, 0), align="right"),
        dict(lat=21.040, lon=105.826, label=L("≈ Hồ Hữu Tiệp", "Hữu Tiệp lake (B-52 wreckage)"),
             at=(18, -20)),
        dict(lat=21.0354, lon=105.8195,
             label=L("≈ Bảo tàng Chiến thắng B-52", "B-52 Victory Museum"),
             at=(0, 44), align="center"),
        dict(lat=20.9967, lon=105.8319,
             label=L("Bảo tàng Phòng không – Không quân",
                     "Air Defence–Air Force Museum · Bạch Mai airfield",
                     "(sân bay Bạch Mai)"),
             at=(0, 44), align="center"),
        dict(lat=21.0410, lon=105.8860, label=L("Gia Lâm", "Gia Lâm airfield"), at=(18, 0)),
    ]
    legend_c = [("ref", "Trung tâm", "City centre"), ("site", "Địa điểm", "Site"),
                ("approx", "Vị trí ước lượng", "Approximate position")]
    written.append(draw_map(out / "maps" / "hanoi-city.png",
                            "Hà Nội: các địa điểm trong triển lãm",
                            "Hanoi: places in this exhibit",
                            city, pad_km=(2.6, 0.5, 2.4, 1.6), grid_step=0.01, grid_dec=2,
                            legend=legend_c))

    # ---------------- first night
    night = [
        dict(lat=21.028, lon=105.854, kind="ref", label=L("Hà Nội", "Hanoi (reference)"),
             at=(-70, 40), align="right"),
        dict(lat=21.2211, lon=105.8072, kind="target",
             label=L("Nội Bài (Phúc Yên)", "Nội Bài (Phúc Yên) airfield"), at=(-26, 0),
             align="right"),
        dict(lat=21.038, lon=105.490, kind="target", label=L("Hòa Lạc", "Hòa Lạc airfield"),
             at=(26, 0)),
        dict(lat=21.39, lon=106.26, kind="target", label=L("≈ Kép", "Kép airfield"),
             at=(0, 50), align="center"),
        dict(lat=21.08, lon=105.92, kind="target", label=L("≈ Yên Viên", "Yên Viên rail yard"),
             at=(26, 0)),
        dict(lat=21.0410, lon=105.8860, kind="target", label=L("Gia Lâm", "Gia Lâm airfield"),
             at=(60, 60)),
        dict(lat=21.14, lon=105.85, kind="target", label=L("≈ Khu vực Đông Anh", "Đông Anh area"),
             at=(26, 0)),
    ]
    legend_n = [("ref", "Hà Nội (tham chiếu)", "Hanoi (reference)"),
                ("target", "Mục tiêu", "Target"),
                ("approx", "Vị trí ước lượng", "Approximate position"),
                ("river", "Sông Hồng (sơ đồ)", "Red River (schematic)")]
    written.append(draw_map(out / "maps" / "first-night.png",
                            "Đêm 18/12/1972 · Night of 18 December 1972",
                            "Mục tiêu đêm đầu tiên · First-night targets",
                            night, pad_km=(3, 3, 6, 9), grid_step=0.1, grid_dec=1,
                            note="Mục tiêu theo nguồn Việt Nam và Mỹ · Targets per Vietnamese and US sources",
                            river=(21.13, 105.62, -40, -40), legend=legend_n))
    return written


# ---------------------------------------------------------------- diagrams
def make_losses(out: Path):
    c = Canvas(1920, 1080)
    header(c, "Tổn thất máy bay Mỹ: hai con số",
           "US aircraft losses: two sets of figures")
    unit = 4.8           # px per aircraft, same scale in both columns
    base = 930
    cols = [
        dict(x=80, vi="Theo phía Việt Nam", en="Vietnamese figures", total=81,
             summary=("81 máy bay, trong đó 34 B-52 và 5 F-111",
                      "81 aircraft, of which 34 B-52 and 5 F-111"),
             segs=[(34, AMBER, "34 B-52", None),
                   (5, CREAM, "5 F-111", None),
                   (42, OTHER, "42 máy bay khác", "42 other aircraft")]),
        dict(x=980, vi="Theo phía Mỹ", en="US figures", total=27,
             summary=("15 B-52 + 12 máy bay chiến thuật",
                      "15 B-52 + 12 tactical aircraft (USAF: 2 F-111)"),
             segs=[(15, AMBER, "15 B-52", None),
                   (2, CREAM, "2 F-111", "USAF"),
                   (10, OTHER, "10 máy bay chiến thuật khác", "10 other tactical aircraft")]),
    ]
    for col in cols:
        px = col["x"]
        c.rect(px, 190, px + 860, 975, fill=PANEL)
        c.text(px + 40, 256, col["vi"], 44, "bold", CREAM)
        c.text(px + 40, 300, col["en"], 30, "regular", MUTED)
        c.text(px + 40, 352, col["summary"][0], 26, "regular", CREAM)
        c.text(px + 40, 386, col["summary"][1], 22, "regular", MUTED)
        bx0, bx1 = px + 70, px + 270
        # faint scale ticks every 10 aircraft
        for v in range(0, 81, 10):
            yy = base - v * unit
            c.line([(bx0 - 22, yy), (bx0 - 8, yy)], LINE, 2)
            if v % 20 == 0:
                c.text(bx0 - 28, yy + 6, str(v), 16, "regular", DIM, align="right")
        y = base
        centres = []
        for n, colr, lab, sub in col["segs"]:
            h = n * unit
            c.rect(bx0, y - h, bx1, y, fill=colr)
            c.line([(bx0, y - h), (bx1, y - h)], PANEL, 2)
            centres.append((y - h / 2, lab, sub, colr))
            y -= h
        # total, at the same height in both columns
        c.text(px + 40, 486, str(col["total"]), 80, "bold", AMBER)
        tw = c.textw(str(col["total"]), 80, "bold")
        c.text(px + 40 + tw + 18, 450, "máy bay", 28, "bold", CREAM)
        c.text(px + 40 + tw + 18, 484, "aircraft", 24, "regular", MUTED)
        # segment labels to the right, pushed apart so they never overlap
        min_gap = 78
        ys = [cy for cy, *_ in centres]
        for i in range(1, len(ys)):          # bottom-up: each label above the previous
            ys[i] = min(ys[i], ys[i - 1] - min_gap)
        for (cy, lab, sub, colr), ly in zip(centres, ys):
            lx = bx1 + 36
            c.line([(bx1 + 4, cy), (lx - 8, ly)], MUTED, 2)
            c.rect(lx - 2, ly - 10, lx + 16, ly + 8, fill=colr)
            c.text(lx + 30, ly + 10 - (12 if sub else 0), lab, 32, "bold", CREAM)
            if sub:
                c.text(lx + 30, ly + 30, sub, 22, "regular", MUTED)
    c.text(1840, 154, "Cùng một thang đo · Same scale", 24, "regular", DIM, align="right")
    footer(c, "Nguồn/Sources: TTXVN/VNA; VietnamPlus 2022; Air Force Historical Foundation; "
              "Wikipedia (Linebacker II)", y=1016, size=24)
    footer(c, "Hai phía đếm theo cách khác nhau; biểu đồ chỉ đặt hai con số cạnh nhau. "
              "· The two sides count differently; the chart only sets the figures side by side.",
           y=1052, size=20)
    return c.save(out / "diagrams" / "losses.png")


def sil_b52(c: Canvas, cx, cy, s):
    """Schematic B-52 plan view (swept wing, 4 twin-engine pods)."""
    P = lambda pts: [(cx + x * s, cy + y * s) for x, y in pts]
    # fuselage (nose up)
    c.polygon(P([(0, -1.0), (0.06, -0.9), (0.07, 0.75), (0.03, 0.95), (-0.03, 0.95),
                 (-0.07, 0.75), (-0.06, -0.9)]), fill=CREAM)
    # wings (swept ~35°)
    for sg in (1, -1):
        c.polygon(P([(sg * 0.06, -0.22), (sg * 1.0, 0.38), (sg * 1.0, 0.46),
                     (sg * 0.06, 0.18)]), fill=CREAM)
        c.polygon(P([(sg * 0.05, 0.72), (sg * 0.36, 0.90), (sg * 0.36, 0.96),
                     (sg * 0.05, 0.90)]), fill=CREAM)
        for t in (0.32, 0.62):  # engine pods (two engines each)
            x = sg * t
            y = -0.22 + (0.38 + 0.22) * (abs(x) - 0.06) / 0.94
            c.rect(cx + (x - 0.045) * s, cy + (y - 0.20) * s,
                   cx + (x + 0.045) * s, cy + (y + 0.04) * s, fill=AMBER, radius=3)


def sil_sa2(c: Canvas, cx, cy, s):
    """Schematic S-75 / SA-2 missile, side view, nose to the right."""
    P = lambda pts: [(cx + x * s, cy + y * s) for x, y in pts]
    c.polygon(P([(1.0, 0), (0.84, -0.045), (-0.30, -0.045), (-0.30, 0.045),
                 (0.84, 0.045)]), fill=CREAM)                               # sustainer
    c.polygon(P([(-0.30, -0.075), (-1.0, -0.075), (-1.0, 0.075),
                 (-0.30, 0.075)]), fill=CREAM)                              # booster
    c.polygon(P([(-0.32, -0.045), (-0.40, -0.06), (-0.40, 0.06), (-0.32, 0.045)]),
              fill=AMBER)                                                   # interstage
    c.polygon(P([(0.74, -0.045), (0.66, -0.12), (0.62, -0.12), (0.64, -0.045)]), fill=CREAM)
    c.polygon(P([(0.74, 0.045), (0.66, 0.12), (0.62, 0.12), (0.64, 0.045)]), fill=CREAM)
    c.polygon(P([(0.10, -0.045), (-0.05, -0.17), (-0.16, -0.17), (-0.12, -0.045)]), fill=CREAM)
    c.polygon(P([(0.10, 0.045), (-0.05, 0.17), (-0.16, 0.17), (-0.12, 0.045)]), fill=CREAM)
    c.polygon(P([(-0.72, -0.075), (-0.84, -0.30), (-1.0, -0.30), (-0.96, -0.075)]), fill=CREAM)
    c.polygon(P([(-0.72, 0.075), (-0.84, 0.30), (-1.0, 0.30), (-0.96, 0.075)]), fill=CREAM)


def sil_mig21(c: Canvas, cx, cy, s):
    """Schematic MiG-21 plan view (tailed delta), nose up."""
    P = lambda pts: [(cx + x * s, cy + y * s) for x, y in pts]
    c.polygon(P([(0, -1.0), (0.05, -0.88), (0.09, -0.6), (0.09, 0.9), (-0.09, 0.9),
                 (-0.09, -0.6), (-0.05, -0.88)]), fill=CREAM)
    c.circle(cx, cy - 0.98 * s, 0.025 * s, fill=AMBER)  # intake cone
    for sg in (1, -1):
        c.polygon(P([(sg * 0.08, -0.18), (sg * 0.62, 0.48), (sg * 0.62, 0.54),
                     (sg * 0.08, 0.52)]), fill=CREAM)
        c.polygon(P([(sg * 0.08, 0.62), (sg * 0.34, 0.88), (sg * 0.34, 0.92),
                     (sg * 0.08, 0.88)]), fill=CREAM)


def make_forces(out: Path):
    c = Canvas(1920, 1080)
    header(c, "Hai bên trên bầu trời Hà Nội", "The opposing forces over Hanoi")
    NB = "\u00a0"  # keep numbers and units together when wrapping
    cols = [
        dict(name="B-52D Stratofortress", draw=sil_b52, s=118,
             kind=("Máy bay ném bom chiến lược", "Strategic bomber"),
             specs=[("Sải cánh 56,4 m", "Wingspan 56.4 m"),
                    ("8 động cơ", "8 engines"),
                    ("Tổ lái 6 người", "Crew of 6"),
                    ("Tải bom hơn 60.000 lb ≈ 27 tấn",
                     "Bomb load 60,000+ lb ≈ 27 t")]),
        dict(name="S-75 Dvina (SAM-2 / SA-2)", draw=sil_sa2, s=220,
             kind=("Tên lửa phòng không", "Surface-to-air missile"),
             specs=[("Độ cao tối đa ≈ 60.000 ft ≈ 18 km",
                     "Maximum altitude ≈ 60,000 ft ≈ 18 km")]),
        dict(name="MiG-21", draw=sil_mig21, s=112,
             kind=("Máy bay tiêm kích", "Fighter aircraft"),
             specs=[("Tốc độ tối đa Mach 2 ≈ 2.228 km/h", "Top speed Mach 2 ≈ 2,228 km/h"),
                    ("Trần bay ≈ 15 km", "Service ceiling ≈ 15 km")]),
    ]

    def bind(t: str) -> str:
        # glue "≈" to what follows and numbers to their units
        for a, b in (("≈ ", "≈" + NB), (" m", NB + "m"), (" km", NB + "km"),
                     (" ft", NB + "ft"), (" lb", NB + "lb"), (" t", NB + "t"),
                     (" tấn", NB + "tấn"), ("Mach ", "Mach" + NB)):
            t = t.replace(a, b)
        return t

    W, gap, x0 = 560, 40, 80
    for i, col in enumerate(cols):
        px = x0 + i * (W + gap)
        c.rect(px, 190, px + W, 975, fill=PANEL)
        col["draw"](c, px + W / 2, 322, col["s"])
        y = 498
        c.text(px + 36, y, col["name"], c.fit(col["name"], 42, W - 72, "bold"), "bold", AMBER)
        c.text(px + 36, y + 40, col["kind"][0], 26, "regular", CREAM)
        c.text(px + 36, y + 70, col["kind"][1], 22, "regular", MUTED)
        y += 92
        c.rect(px + 36, y, px + W - 36, y + 2, fill=LINE)
        y += 6
        for vi, en in col["specs"]:
            for ln in c.wrap(bind(vi), 30, W - 72, "bold"):
                y += 40
                c.text(px + 36, y, ln, 30, "bold", CREAM)
            for ln in c.wrap(bind(en), 22, W - 72):
                y += 30
                c.text(px + 36, y, ln, 22, "regular", MUTED)
            y += 14
        assert y < 975, f"forces column {col['name']} overflows ({y})"
    footer(c, "Nguồn/Sources: Bảo tàng Quốc gia Không quân Hoa Kỳ / National Museum of the USAF (B-52D); KOB (SA-2); "
              "Intrepid Museum (MiG-21)", y=1016, size=20)
    footer(c, "Hình vẽ sơ đồ, không theo tỉ lệ · Schematic drawings, not to scale",
           y=1052, size=20)
    return c.save(out / "diagrams" / "forces.png")


# ---------------------------------------------------------------- cards
def card_frame(c: Canvas, kicker=True):
    if kicker:
        c.text(100, 110, "12 ngày đêm · 12 days and nights", 28, "regular", MUTED)
        c.rect(100, 134, 180, 138, fill=AMBER)


def make_day_cards(out: Path):
    written = []
    for i, day in enumerate(DAYS, start=1):
        c = Canvas(1600, 900)
        card_frame(c)
        date = f"{day}.12.1972"
        c.text(100, 420, date, 230, "bold", CREAM)
        if day == 25:
            vi, en = "Ngày 25.12: không có ném bom", "25 Dec: no bombing"
            sub = f"Ngày đêm thứ {i} / 12 · Day and night {i} of 12"
            c.text(100, 530, vi, 64, "bold", AMBER)
            c.text(100, 596, en, 44, "regular", MUTED)
            c.text(100, 660, sub, 30, "regular", DIM)
        else:
            c.text(100, 530, f"Ngày đêm thứ {i} / 12", 64, "bold", AMBER)
            c.text(100, 596, f"Day and night {i} of 12", 44, "regular", MUTED)
        progress_strip(c, 100, 1500, 740, day)
        written.append(c.save(out / "cards" / f"day-1972-12-{day}.png", colors=64))
    return written


def make_phase_cards(out: Path):
    written = []
    for name, date, vi, en, mode in (
        ("prologue", "13–17.12.1972", "Trước chiến dịch", "Before the campaign", "before"),
        ("epilogue", "30.12.1972 – 27.01.1973", "Sau chiến dịch", "After the campaign", "after"),
    ):
        c = Canvas(1600, 900)
        card_frame(c)
        s = c.fit(date, 200, 1400, "bold")
        c.text(100, 420, date, s, "bold", CREAM)
        c.text(100, 530, vi, 64, "bold", AMBER)
        c.text(100, 596, en, 44, "regular", MUTED)
        progress_strip(c, 150, 1450, 740, None, mode=mode)
        written.append(c.save(out / "cards" / f"{name}.png", colors=64))
    return written


def make_place_cards(out: Path):
    written = []
    for name, vi, en, date, note in (
        ("bach-mai", "Bệnh viện Bạch Mai", "Bạch Mai Hospital", "22.12.1972",
         ("28 nhân viên y tế thiệt mạng", "28 staff killed")),
        ("kham-thien", "Phố Khâm Thiên", "Khâm Thiên street", "26.12.1972", None),
        ("huu-tiep", "Hồ Hữu Tiệp", "Hữu Tiệp lake", "27.12.1972",
         ("Xác B-52 dưới lòng hồ", "B-52 wreckage in the lake")),
    ):
        c = Canvas(1600, 900)
        day = int(date[:2])
        c.rect(100, 170, 108, 640, fill=AMBER)
        c.text(150, 250, date, 72, "bold", AMBER)
        s = c.fit(vi, 120, 1340, "bold")
        c.text(150, 410, vi, s, "bold", CREAM)
        c.text(150, 490, en, 56, "regular", MUTED)
        if note:
            c.text(150, 590, note[0], 44, "bold", CREAM)
            c.text(150, 638, note[1], 34, "regular", MUTED)
        progress_strip(c, 100, 1500, 740, day)
        written.append(c.save(out / "cards" / f"{name}.png", colors=64))
    return written


# ---------------------------------------------------------------- placeholders
PEOPLE = [
    ("pham-tuan", "Phạm Tuân"),
    ("vu-xuan-thieu", "Vũ Xuân Thiều"),
    ("duong-van-thuan", "Dương Văn Thuận"),
    ("nguyen-dinh-kien", "Nguyễn Đình Kiên"),
    ("do-doan-dai", "Đỗ Doãn Đại"),
    ("nguyen-van-cau", "Nguyễn Văn Cầu"),
    ("doan-thi-hien", "Đoàn Thị Hiền"),
    ("albert-e-moore", "Albert E. Moore"),
    ("william-f-stocker", "William F. Stocker"),
    ("joan-baez", "Joan Baez"),
    ("frank-d-lewis", "Frank D. Lewis"),
    ("samuel-o-turner", "Samuel O. Turner"),
]


def initials(name: str) -> str:
    words = [w for w in name.replace(".", " ").split() if w]
    return (words[0][0] + words[-1][0]).upper()


def make_portraits(out: Path):
    written = []
    for pid, name in PEOPLE:
        c = Canvas(800, 1000)
        c.dashed_rect(40, 40, 760, 960, LINE, width=3, dash=22, gap=14)
        cx, cy, r = 400, 380, 190
        c.circle(cx, cy, r, fill=PANEL, outline=AMBER, width=5)
        c.text(cx, cy, initials(name), 150, "bold", CREAM, align="center", valign="middle")
        s = c.fit(name, 60, 660, "bold")
        c.text(400, 700, name, s, "bold", CREAM, align="center")
        c.rect(360, 736, 440, 740, fill=AMBER)
        y = 800
        for ln in c.wrap("Ảnh chân dung của bảo tàng đặt tại đây", 32, 640):
            c.text(400, y, ln, 32, "regular", MUTED, align="center")
            y += 44
        c.text(400, y + 4, "Museum portrait goes here", 28, "regular", DIM, align="center")
        written.append(c.save(out / "portraits" / f"{pid}.png", colors=64))
    return written


def make_photo_placeholder(out: Path):
    c = Canvas(1600, 900)
    c.dashed_rect(40, 40, 1560, 860, LINE, width=3, dash=26, gap=16)
    # picture-frame icon
    x0, y0, x1, y1 = 640, 210, 960, 450
    c.rect(x0, y0, x1, y1, fill=PANEL, outline=MUTED, width=6, radius=10)
    c.rect(x0 + 24, y0 + 24, x1 - 24, y1 - 24, outline=LINE, width=3)
    c.polygon([(x0 + 30, y1 - 30), (x0 + 130, y0 + 110), (x0 + 200, y1 - 80),
               (x0 + 235, y0 + 150), (x1 - 30, y1 - 30)], fill=MUTED)
    c.circle(x1 - 85, y0 + 80, 26, fill=AMBER)
    vi = "Ảnh tư liệu của bảo tàng đặt tại đây"
    en = "The museum's archive photo goes here"
    c.text(800, 590, vi, c.fit(vi, 60, 1400, "bold"), "bold", CREAM, align="center")
    c.text(800, 660, en, 44, "regular", MUTED, align="center")
    c.text(800, 770, TITLE_VI + " · " + TITLE_EN, 24, "regular", DIM, align="center")
    return c.save(out / "placeholders" / "museum-photo.png", colors=64)


# ---------------------------------------------------------------- main
def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="content/media",
                    help="output folder (relative paths are taken from the repo root)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    if not out.is_absolute():
        out = ROOT / out
    written = [make_title(out)]
    written += make_maps(out)
    written += [make_losses(out), make_forces(out)]
    written += make_day_cards(out)
    written += make_phase_cards(out)
    written += make_place_cards(out)
    written += make_portraits(out)
    written.append(make_photo_placeholder(out))
    for p in written:
        print(f"{p.stat().st_size / 1024:7.1f} KB  {p.relative_to(out)}")


if __name__ == "__main__":
    main()
