"""The price-against-norm chart: a small inline SVG built from numbers only.

The local distribution is drawn as a whisker from p10 to p75 with a box from p25
to p75 and a line at the median; the clinic's price is a marker. Only numbers and
labels this module formats (money, escaped anyway) reach the markup, so scraped
text can never enter it.
"""

from __future__ import annotations

from html import escape

from analysis.labels import money

WIDTH, HEIGHT, PAD = 320, 60, 48


def norm_chart_svg(price: float, p10: float, p25: float, median: float, p75: float,
                   currency: str | None, sentence: str | None = None) -> str:
    """SVG markup: p10-p25-median-p75 of local prices and this price marked. ``sentence`` (the
    words printed under the chart) is its text alternative, so a screen reader hears the same."""
    values = [float(v) for v in (price, p10, p25, median, p75)]
    low, high = min(values) * 0.9, max(values) * 1.1
    span = (high - low) or 1.0

    def x(v: float) -> float:
        return round(PAD + (float(v) - low) / span * (WIDTH - 2 * PAD), 1)

    below = float(price) < float(p25)
    colour = "#b00020" if float(price) < float(p10) else ("#b26a00" if below else "#1b5e20")
    label = escape(sentence or f"This clinic {money(price, currency)}; local median {money(median, currency)}; "
                   f"middle half {money(p25, currency)} to {money(p75, currency)}")
    low_label, high_label = money(p10, currency), money(p75, currency)
    # p10 and p75 labels sit under the ends of the whisker, the median label above its line;
    # when the whisker is too short for two labels, the p10 one is dropped (it is in the title).
    show_low = x(p75) - x(p10) >= 8 * (len(low_label) + len(high_label)) / 2 + 6
    return (
        f'<svg class="norm-chart" role="img" aria-label="{label}" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{label}</title>"
        f'<text x="{x(median)}" y="11" font-size="10" text-anchor="middle" font-weight="bold">'
        f"median {escape(money(median, currency))}</text>"
        f'<line x1="{x(p10)}" y1="30" x2="{x(p75)}" y2="30" stroke="#888" stroke-width="2"/>'
        f'<rect x="{x(p25)}" y="22" width="{max(x(p75) - x(p25), 1)}" height="16" fill="#cfd8dc" '
        f'stroke="#607d8b"/>'
        f'<line x1="{x(median)}" y1="16" x2="{x(median)}" y2="42" stroke="#263238" stroke-width="3"/>'
        f'<circle class="this-price" cx="{x(price)}" cy="30" r="7" fill="{colour}" stroke="#fff" '
        f'stroke-width="2"/>'
        + (f'<text x="{x(p10)}" y="56" font-size="10" text-anchor="end">{escape(low_label)}</text>'
           if show_low else "")
        + f'<text x="{x(p75)}" y="56" font-size="10" text-anchor="start">{escape(high_label)}</text>'
        "</svg>"
    )
