"""Take a PNG of an HTML view (the README's screenshot).

    python -m kg.viz.screenshot out/graph.html docs/graph.png [--width 1280] [--height 800]

The function itself is :func:`kg.viz.screenshot` (in :mod:`kg.viz.browser`); this module is only its command
line, and is not imported by the package.
"""

from __future__ import annotations

import argparse

from kg.viz.browser import screenshot


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kg.viz.screenshot", description=__doc__.split("\n\n")[0])
    parser.add_argument("html", help="the HTML view to open")
    parser.add_argument("png", help="the PNG file to write")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    args = parser.parse_args(argv)
    print(f"wrote {screenshot(args.html, args.png, width=args.width, height=args.height)}")


if __name__ == "__main__":
    main()
