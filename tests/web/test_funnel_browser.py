"""A funnel plot in the browser: a measure where the synthetic council has a team outside the 99.8% limits is
opened in Debian's chromium, screenshotted, and checked for the outlier marks, in the SVG (a red triangle up for
a team above, a blue triangle down for a team below, by colour and shape) and in the screenshot's pixels."""

from __future__ import annotations

import os
import re
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest

from clearsight.measures.funnel import MARKS, status

SCREENSHOTS = Path(__file__).parent / "screenshots"  # made by the browser fixture (conftest.py)
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def png_pixels(data: bytes) -> np.ndarray:
    """The RGB(A) pixels of an 8-bit, non-interlaced PNG (what chromium's screenshots are), rows unfiltered."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour, _c, _f, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp
    out = np.zeros((height, stride), dtype=np.uint8)
    prev = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = np.frombuffer(raw, dtype=np.uint8, count=stride, offset=y * (stride + 1) + 1).astype(np.int32)
        if kind == 0:
            cur = line
        elif kind == 2:
            cur = (line + prev) & 0xFF
        else:  # Sub, Average, Paeth depend on the pixel to the left: byte by byte
            cur = np.zeros(stride, dtype=np.int32)
            for i in range(stride):
                left = cur[i - bpp] if i >= bpp else 0
                up, up_left = prev[i], prev[i - bpp] if i >= bpp else 0
                if kind == 1:
                    pred = left
                elif kind == 3:
                    pred = (left + up) // 2
                else:
                    p = left + up - up_left
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                    pred = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                cur[i] = (line[i] + pred) & 0xFF
        out[y] = cur
        prev = cur
    return out.reshape(height, width, bpp)[:, :, :3]


def pixels_of(pixels: np.ndarray, hex_colour: str, tolerance: int = 8) -> int:
    rgb = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(pixels.astype(int) - rgb).max(axis=2) <= tolerance).sum())


@pytest.fixture(scope="module")
def outlier_measure(council_files):
    """A proportion measure of the fixture council, in its latest year, with teams outside the 99.8% limits."""
    from clearsight.web import charts, data

    os.environ["CLEARSIGHT_DATA_DIR"] = str(council_files.parent / "data")
    period = data.latest_year(data.aggregates())
    names = data.teams()
    for mid, values in data.team_breakdowns(period).items():
        m = data.measures()[mid]
        if m.unit != "proportion":
            continue
        try:
            f = charts.team_funnel(m, [data.value_from_json(v) for v in values], period, None, names)
        except ValueError:
            continue
        kinds = [status(pt) for pt in f.points]
        if "above998" in kinds or "below998" in kinds:
            return m, period, f
    pytest.fail("the fixture council has no team outside the 99.8% limits on any measure")


def test_the_funnel_plot_marks_outliers_by_colour_and_shape(browser, live_server, make_user, password,
                                                             outlier_measure):
    m, period, f = outlier_measure
    above = [pt for pt in f.points if status(pt) == "above998"]
    below = [pt for pt in f.points if status(pt) == "below998"]
    within = [pt for pt in f.points if status(pt) == "within"]
    make_user("analyst", username="funnel")
    context = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    try:
        page.goto("/sign-in/")
        page.fill("#username", "funnel")
        page.fill("#password", password)
        page.click("button:has-text('Sign in')")
        page.wait_for_url(lambda url: "/sign-in/" not in url)
        page.goto(f"/measures/{m.id}/?period={period}")
        img = page.locator("img[src*='funnel.svg']")
        assert img.count() == 1
        img.scroll_into_view_if_needed()
        page.wait_for_function("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
        # the text alternative names every team outside the 99.8% limits (by name, not code)
        alt = img.get_attribute("alt")
        for pt in above + below:
            assert pt.name in alt and pt.name != pt.group
        shot = img.screenshot(path=str(SCREENSHOTS / f"funnel-{m.id}.png"))
        page.screenshot(path=str(SCREENSHOTS / f"measure-{m.id}-funnel-page.png"), full_page=True)
        svg = page.request.get(img.get_attribute("src")).text()
    finally:
        context.close()

    # The SVG: one symbol path per team, its colour and its shape (Vega draws symbols as paths about their centre)
    start = svg.index('<g class="mark-symbol role-mark')  # the plotted teams (the legend's symbols are apart)
    plotted = svg[start:svg.index("</g>", start)]
    symbols = re.findall(r'<path[^>]*d="(M[^"]*)"[^>]*fill="(#[0-9a-f]{6})"', plotted)
    assert len(symbols) == len(f.points)
    up = [d for d, fill in symbols if fill == MARKS["above998"][1] and re.fullmatch(
        r"M0,-[\d.]+L-[\d.]+,[\d.]+L[\d.]+,[\d.]+Z", d)]
    down = [d for d, fill in symbols if fill == MARKS["below998"][1] and re.fullmatch(
        r"M0,[\d.]+L-[\d.]+,-[\d.]+L[\d.]+,-[\d.]+Z", d)]
    grey = [d for d, fill in symbols if fill == MARKS["within"][1] and d.count("A") >= 1]
    assert len(up) == len(above) and len(down) == len(below) and len(grey) == len(within)
    assert svg.count("<g class=\"mark-group role-legend\"") == 1  # one legend, not two
    for words, _colour, _shape in MARKS.values():
        assert words in svg  # the legend says in words what each mark means

    # The screenshot: the outliers' colours are on screen, and only where the outlier marks are
    pixels = png_pixels(shot)
    if above:
        assert pixels_of(pixels, MARKS["above998"][1]) >= 15 * len(above)
    if below:
        assert pixels_of(pixels, MARKS["below998"][1]) >= 15 * len(below)
    assert pixels_of(pixels, MARKS["within"][1]) >= 15 * len(within)
