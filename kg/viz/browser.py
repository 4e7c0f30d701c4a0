"""Headless Chromium through playwright, launched the same way by :func:`screenshot`, the browser tests and
the benchmark: Debian's ``/usr/bin/chromium`` (or ``$KG_CHROMIUM``), never a browser downloaded by
``playwright install``."""

from __future__ import annotations

import os
import time
from pathlib import Path

CHROMIUM_PATH = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def launch(playwright):  # noqa: ANN001, ANN201 - playwright's own types
    """Chromium as every kg tool and test launches it (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)


def screenshot(html_path: str | os.PathLike, png_path: str | os.PathLike, *, width: int = 1280,
               height: int = 800, timeout: float = 120.0) -> Path:
    """Open ``html_path`` offline, wait until the view is drawn and settled, save ``png_path``.

    >>> screenshot("view.html", "docs/view.png")
    """
    from playwright.sync_api import sync_playwright

    html, png = Path(html_path).resolve(), Path(png_path)
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else route.abort())
            page.goto(html.as_uri(), wait_until="load", timeout=timeout * 1000)
            # polled with evaluate: wait_for_function may evaluate a string, which the page's CSP forbids
            deadline = time.monotonic() + timeout
            while not page.evaluate("() => !window.kgView || window.kgView.ready === true"):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{html} did not finish drawing within {timeout:.0f} s")
                time.sleep(0.1)
            page.wait_for_timeout(300)  # let a focus animation finish
            page.screenshot(path=str(png))
        finally:
            browser.close()
    return png
