"""The institution's own brochure colour, held to WCAG 2.x AA: every text on the brochure has
a contrast ratio of at least 4.5:1 against what it is printed on (WCAG 2.2, success
criterion 1.4.3, with the relative luminance of its definitions).

The three fixed colours of brochures/content.py are checked once in the tests; an own colour
is checked when it is set, against the same pairs: white text on the colour (the title band),
the colour as text on white (headings) and on its light tint (the boxes), and the body text
on the tint.
"""

import re
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

MIN_RATIO = 4.5
WHITE = "#ffffff"
BODY_TEXT = "#1a1a1a"  # static/css/brochure.css
TINT_SHARE = 0.1  # the tint is the colour mixed one part to nine of white
HEX = re.compile(r"^#[0-9a-f]{6}$")


def hex_normalise(value: str) -> str:
    """Normalise "#AbC" or "aabbcc" to "#aabbcc"; "" when it is not a hex colour."""
    value = value.strip().lower()
    if not value.startswith("#"):
        value = f"#{value}"
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        value = "#" + "".join(c * 2 for c in value[1:])
    return value if HEX.match(value) else ""


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour "#rrggbb": 0 for black, 1 for white."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """(L1 + 0.05) / (L2 + 0.05), the lighter colour's luminance over the darker's: 1 to 21."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def tint_of(hex_colour: str) -> str:
    """The light background of the brochure's boxes: the colour mixed with white."""
    channels = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - c) * TINT_SHARE) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


@dataclass(frozen=True)
class Pair:
    where: str
    text: str
    background: str

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.text, self.background)


def text_pairs(hex_colour: str) -> list[Pair]:
    tint = tint_of(hex_colour)
    return [
        Pair(str(_("white text on the colour (the title band)")), WHITE, hex_colour),
        Pair(str(_("headings in the colour on the light boxes")), hex_colour, tint),
        Pair(str(_("body text on the light boxes")), BODY_TEXT, tint),
    ]


def weakest_pair(hex_colour: str) -> Pair:
    """The pair with the lowest contrast (headings on white are never below white on the
    colour: the ratio is symmetric and white is the lightest background)."""
    return min(text_pairs(hex_colour), key=lambda pair: pair.ratio)


def ratio_text(ratio: float) -> str:
    """Rounded down to two decimals, so that 4.499 is never shown as a passing "4.50"; in the
    current language's number format ("4,48:1" in Finnish)."""
    return f"{number_format(int(ratio * 100) / 100, decimal_pos=2)}:1"
