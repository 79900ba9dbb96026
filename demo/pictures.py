"""Generated lead pictures for demo content (Pillow), so the demo needs no downloads."""

import io
import random

from PIL import Image as PILImage
from PIL import ImageDraw


def _rgb(hex_color: str) -> tuple[int, int, int]:
    hex_color = hex_color.lstrip("#")
    return tuple(int(hex_color[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def make_picture(color: str, motif: str, seed: str, size=(1600, 900)) -> bytes:
    """A JPEG with a coloured background and a simple motif, the same for the same seed."""
    rng = random.Random(seed)
    base = _rgb(color)
    img = PILImage.new("RGB", size, base)
    draw = ImageDraw.Draw(img)
    width, height = size

    def shade(delta: int) -> tuple[int, int, int]:
        return tuple(max(0, min(255, c + delta)) for c in base)  # type: ignore[return-value]

    if motif == "waves":
        for row in range(0, height, 60):
            points = [(x, row + int(25 * ((x // 80) % 2))) for x in range(0, width + 80, 80)]
            draw.line(points, fill=shade(rng.choice([-40, 30, 60])), width=14)
    elif motif == "bars":
        x = 0
        while x < width:
            w = rng.randint(40, 160)
            h = rng.randint(height // 5, height - 80)
            draw.rectangle(
                [x, height - h, x + w - 10, height], fill=shade(rng.choice([-50, -20, 40]))
            )
            x += w
    elif motif == "grid":
        for x in range(0, width, 100):
            for y in range(0, height, 100):
                if rng.random() < 0.5:
                    draw.rectangle(
                        [x + 8, y + 8, x + 92, y + 92], fill=shade(rng.choice([-35, 35]))
                    )
    else:  # circles
        for _ in range(28):
            r = rng.randint(30, 220)
            cx, cy = rng.randint(0, width), rng.randint(0, height)
            draw.ellipse(
                [cx - r, cy - r, cx + r, cy + r], outline=shade(rng.choice([-60, 50])), width=10
            )

    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()
