"""Demo pictures drawn with Pillow: abstract lead images and author portraits, no downloads.

Every picture is seeded from a slug, so the same story always gets the same picture and a
reloaded demo looks the same as the last one.
"""

import random
from io import BytesIO

from PIL import Image, ImageDraw, ImageFilter

LEAD_SIZE = (1600, 900)
PORTRAIT_SIZE = (600, 600)
# Lead images are drawn at half size and scaled up: the shapes are blurred anyway, and it
# makes a cold demo load several times faster.
DRAW_SCALE = 2


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def _mix(colour, other, amount: float) -> tuple[int, int, int]:
    return tuple(round(a + (b - a) * amount) for a, b in zip(colour, other, strict=True))


def _gradient(size, start, end, angle: float) -> Image.Image:
    """A two-colour linear gradient at `angle` degrees, filling `size`."""
    width, height = size
    side = int((width**2 + height**2) ** 0.5) + 2
    mask = Image.linear_gradient("L").resize((side, side)).rotate(angle)
    left, top = (side - width) // 2, (side - height) // 2
    mask = mask.crop((left, top, left + width, top + height))
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)


def _jpeg(image: Image.Image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def lead_image(slug: str, colour: str) -> bytes:
    """A 1600×900 JPEG: a gradient in the section colour with a few soft geometric shapes."""
    rng = random.Random(slug)
    base = _rgb(colour)
    dark, light = _mix(base, (12, 14, 20), 0.55), _mix(base, (245, 240, 230), 0.35)
    width, height = LEAD_SIZE[0] // DRAW_SCALE, LEAD_SIZE[1] // DRAW_SCALE
    picture = _gradient((width, height), dark, light, rng.uniform(0, 360))

    # An "RGBA" drawing context blends each translucent shape into the picture below it.
    draw = ImageDraw.Draw(picture, "RGBA")
    for _ in range(rng.randint(4, 7)):
        tint = _mix(base, rng.choice([(255, 255, 255), (0, 0, 0), (255, 214, 120)]), 0.5)
        fill = (*tint, rng.randint(50, 140))
        x, y = rng.uniform(-0.1, 0.85) * width, rng.uniform(-0.1, 0.85) * height
        size = rng.uniform(0.12, 0.45) * height
        match rng.choice(["circle", "ring", "band", "block"]):
            case "circle":
                draw.ellipse((x, y, x + size, y + size), fill=fill)
            case "ring":
                draw.ellipse((x, y, x + size, y + size), outline=fill, width=int(size / 9) + 4)
            case "band":
                slope = rng.uniform(-0.6, 0.6) * height
                band = size / 3
                draw.polygon(
                    [(0, y), (width, y + slope), (width, y + slope + band), (0, y + band)],
                    fill=fill,
                )
            case "block":
                draw.rectangle((x, y, x + size * 1.6, y + size), fill=fill)
    # A light blur makes the shapes read as out-of-focus light rather than clip art.
    picture = picture.filter(ImageFilter.GaussianBlur(rng.uniform(1, 4)))
    return _jpeg(picture.resize(LEAD_SIZE, Image.Resampling.BICUBIC))


def portrait(slug: str, colour: str) -> bytes:
    """A square JPEG silhouette (head and shoulders) on a soft background."""
    rng = random.Random(slug)
    base = _rgb(colour)
    background = _gradient(
        PORTRAIT_SIZE, _mix(base, (255, 255, 255), 0.45), _mix(base, (0, 0, 0), 0.2), 90
    )
    draw = ImageDraw.Draw(background)
    figure = _mix(base, (20, 24, 32), rng.uniform(0.55, 0.75))
    width, height = PORTRAIT_SIZE
    head = width * rng.uniform(0.30, 0.36)
    centre = width / 2 + rng.uniform(-20, 20)
    top = height * 0.2
    draw.ellipse((centre - head / 2, top, centre + head / 2, top + head * 1.15), fill=figure)
    shoulders = width * rng.uniform(0.72, 0.85)
    draw.ellipse(
        (centre - shoulders / 2, top + head * 1.05, centre + shoulders / 2, height * 1.35),
        fill=figure,
    )
    return _jpeg(background)
