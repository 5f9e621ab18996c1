"""Makes what the test exhibits do not keep in the repository: many generated profiles, and their pictures.

``python -m tests.exhibits.generate DIR [--people N] [--media]`` adds *N* fictional profiles (with portraits)
to the exhibit copy in DIR, for the tests and the benchmark of long lists; ``--media`` (re)makes the
metre exhibit's own diagram and sound, which are committed.

Every generated profile says it is fictional, in every language of the exhibit: nothing here pretends to be
a real person. The names are common given and family names of several countries, combined at random
(seeded, so every run makes the same people).
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
from pathlib import Path

EXHIBITS = Path(__file__).resolve().parent
METRE = EXHIBITS / "metre"

GIVEN = ["Émilie", "Louis", "Camille", "Hugo", "Chloé", "Jules", "Inès", "Léon", "Yuki", "Haruto", "Sakura",
         "Ren", "Aoi", "Sota", "Hana", "Kenji", "Amelia", "Oliver", "Grace", "Henry", "Isla", "Jack", "Ruth",
         "Noah", "Clara", "Mateo", "Lucía", "Anh", "Minh", "Linh", "Tomás", "Ingrid", "Piet", "Zofia", "Omar"]
FAMILY = ["Arnaud", "Bernard", "Chevalier", "Dubois", "Fontaine", "Girard", "Lefèvre", "Mercier", "Perrin",
          "Roussel", "Vidal", "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
          "Kobayashi", "Abbott", "Baker", "Carter", "Ellis", "Hughes", "Knight", "Morgan", "Owen", "Price",
          "Quinn", "Young", "Nguyen", "Ortega", "Zielinski", "Ekström", "Øberg", "Ünal", "Iversen", "Jansen"]

# "a fictional profile made for the kiosk's tests" in each language the test exhibits use
FICTIONAL = {
    "fr": ("Profil fictif", "Profil fictif créé pour les tests du kiosque ; cette personne n'existe pas."),
    "ja": ("架空の人物", "キオスクのテスト用に作成した架空のプロフィールです。実在の人物ではありません。"),
    "en": ("Fictional profile", "A fictional profile made for the kiosk's tests; this person does not exist."),
    "vi": ("Hồ sơ hư cấu", "Hồ sơ hư cấu tạo ra để kiểm thử kiosk; người này không có thật."),
}


def people(n: int, seed: int = 14) -> list[tuple[str, str, str]]:
    """(id, given name, family name) of *n* distinct fictional people."""
    rng = random.Random(seed)
    out, seen = [], set()
    while len(out) < n:
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        if (given, family) in seen:
            continue
        seen.add((given, family))
        out.append((f"fictional-{len(out) + 1:03d}", given, family))
    return out


def _ascii(text: str) -> str:
    import unicodedata

    table = str.maketrans({"Ø": "O", "ø": "o", "Đ": "D", "đ": "d"})
    return unicodedata.normalize("NFKD", text.translate(table)).encode("ascii", "ignore").decode()


def portrait(path: Path, seed: int, size: tuple[int, int] = (1080, 1440)) -> None:
    """An abstract portrait placeholder: a head and shoulders in two colours (no face, no text)."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    bg = tuple(rng.randint(150, 235) for _ in range(3))
    fg = tuple(max(0, c - rng.randint(60, 110)) for c in bg)
    img = Image.new("RGB", size, bg)
    d = ImageDraw.Draw(img)
    w, h = size
    d.ellipse((w * 0.3, h * 0.18, w * 0.7, h * 0.52), fill=fg)
    d.ellipse((w * 0.12, h * 0.58, w * 0.88, h * 1.25), fill=fg)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=70)


def add_people(root: Path, n: int, languages: tuple[str, ...], portraits: bool = True) -> list[Path]:
    """Write *n* fictional profiles (and portraits) into the exhibit at *root*; returns the YAML files."""
    written = []
    for i, (pid, given, family) in enumerate(people(n)):
        name = f"{given} {family}"
        role = "{" + ", ".join(f'{lang}: "{FICTIONAL[lang][0]}"' for lang in languages) + "}"
        bio = "\n".join(f"  {lang}: \"{FICTIONAL[lang][1]}\"" for lang in languages)
        text = (f'name: "{name}"\nname_ascii: "{_ascii(name)}"\nsort_as: "{family}, {given}"\n'
                f"role: {role}\nbiography:\n{bio}\n")
        if portraits:
            rel = f"media/portraits/{pid}.jpg"
            portrait(root / rel, i)
            alt = "{" + ", ".join(f'{lang}: "{FICTIONAL[lang][0]}"' for lang in languages) + "}"
            text += (f"portrait:\n  file: {rel}\n  caption: {alt}\n  credit: {alt}\n  alt: {alt}\n")
        path = root / "witnesses" / f"{pid}.yaml"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def copy_with_people(src: Path, dst: Path, n: int, languages: tuple[str, ...], portraits: bool = True) -> Path:
    shutil.copytree(src, dst)
    add_people(dst, n, languages, portraits)
    return dst


def make_metre_media(root: Path = METRE) -> None:
    """The metre exhibit's diagram (the meridian's chain of triangles, no text) and its pendulum sound."""
    from PIL import Image, ImageDraw

    w, h = 1200, 1600
    img = Image.new("RGB", (w, h), "#efe6d2")
    d = ImageDraw.Draw(img)
    rng = random.Random(1792)
    left = [(int(w * 0.42 + rng.uniform(-40, 40)), int(120 + i * 1360 / 9)) for i in range(10)]
    right = [(int(w * 0.58 + rng.uniform(-40, 40)), int(120 + 1360 / 18 + i * 1360 / 9)) for i in range(10)]
    points = [p for pair in zip(left, right, strict=True) for p in pair]
    for a, b, c in zip(points, points[1:], points[2:], strict=False):
        d.polygon([a, b, c], outline="#8a3b12", width=5)
    d.line([(w // 2, 80), (w // 2, h - 80)], fill="#1f1a14", width=7)
    for y in (80, h - 80):
        d.ellipse((w // 2 - 22, y - 22, w // 2 + 22, y + 22), fill="#1f1a14")
    (root / "media" / "images").mkdir(parents=True, exist_ok=True)
    img.save(root / "media" / "images" / "meridian.png", optimize=True)
    audio = root / "media" / "audio" / "pendulum.ogg"
    audio.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i",
                    "aevalsrc=if(lt(mod(t\\,1)\\,0.012)\\,0.6*sin(2*PI*1800*t)\\,0):s=22050:d=6",
                    "-c:a", "libvorbis", "-q:a", "1", "-map_metadata", "-1", "-fflags", "+bitexact", str(audio)],
                   check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="the exhibit copy to add to")
    parser.add_argument("--people", type=int, default=0)
    parser.add_argument("--languages", default="fr,ja,en")
    parser.add_argument("--media", action="store_true", help="make the metre exhibit's diagram and sound")
    args = parser.parse_args()
    if args.media:
        make_metre_media(args.dir)
    if args.people:
        add_people(args.dir, args.people, tuple(args.languages.split(",")))


if __name__ == "__main__":
    main()
