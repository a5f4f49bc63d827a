"""Draw static/img/favicon.ico (16, 32 and 48 px): a white N on the masthead's red.

Run once after changing the design: `.venv/bin/python scripts/make_favicon.py`. The file is
committed; `/favicon.ico` serves it (newsroom/views.py) and every page links it.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "static" / "img" / "favicon.ico"
RED, WHITE = (138, 28, 28), (255, 255, 255)  # --accent of static/css/site.css
FONTS = ["/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"]


def draw(size: int = 256) -> Image.Image:
    image = Image.new("RGB", (size, size), RED)
    font_file = next((f for f in FONTS if Path(f).exists()), None)
    font = ImageFont.truetype(font_file, int(size * 0.78)) if font_file else ImageFont.load_default()
    pen = ImageDraw.Draw(image)
    left, top, right, bottom = pen.textbbox((0, 0), "N", font=font)
    pen.text(((size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top), "N", font=font, fill=WHITE)
    return image


if __name__ == "__main__":
    draw().save(OUT, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    print(f"wrote {OUT}")
