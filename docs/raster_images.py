"""Draw the raster publisher logo and the default share image (run once; the PNGs are committed).

Search engines want a raster logo for `publisher.logo` (not SVG) and social cards want a
1200×630 JPEG or PNG: static/img/logo.png redraws static/img/logo.svg at 512×512 (scale 16),
static/img/share.png puts it beside the publication's name. Re-run after changing the logo:
    .venv/bin/python docs/raster_images.py "The Newsroom"
"""

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

STATIC = Path(__file__).resolve().parent.parent / "static" / "img"
ACCENT, INK, MUTED, PAPER = "#9a1b1b", "#1b1b1b", "#575757", "#ffffff"
SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"


def draw_logo(size: int) -> Image.Image:
    """logo.svg (a 32-unit square) drawn at `size` pixels."""
    unit = size / 32
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)

    def box(x0, y0, x1, y1, fill):
        pen.rectangle([x0 * unit, y0 * unit, x1 * unit - 1, y1 * unit - 1], fill=fill)

    pen.rounded_rectangle([0, 0, size - 1, size - 1], radius=5 * unit, fill=ACCENT)
    box(7, 6, 25, 26, PAPER)
    box(9, 7.5, 23, 9.5, INK)
    box(9, 10.9, 23, 11.5, INK)
    box(9, 13.5, 17, 18.5, ACCENT)
    for y in (14, 16, 18):
        box(19, y - 0.5, 23, y + 0.5, MUTED)
    box(9, 20.5, 23, 21.5, MUTED)
    box(9, 22.5, 19, 23.5, MUTED)
    return image


def draw_share(name: str) -> Image.Image:
    image = Image.new("RGB", (1200, 630), "#f5f3ef")
    pen = ImageDraw.Draw(image)
    pen.rectangle([0, 0, 1199, 23], fill=ACCENT)
    logo = draw_logo(256)
    image.paste(logo, (110, 187), logo)
    font = ImageFont.truetype(SERIF, 76)
    pen.text((420, 315), name, font=font, fill=INK, anchor="lm")
    return image


if __name__ == "__main__":
    site_name = sys.argv[1] if len(sys.argv) > 1 else "The Newsroom"
    draw_logo(512).save(STATIC / "logo.png", optimize=True)
    draw_share(site_name).save(STATIC / "share.png", optimize=True)
