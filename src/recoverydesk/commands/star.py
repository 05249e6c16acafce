"""star-chart: a participant's Recovery Star radar (or trends) as a PNG or SVG."""

from __future__ import annotations

import argparse
from pathlib import Path

from recoverydesk.commands import UsageError, add_db_argument, open_existing
from recoverydesk.private_files import write_atomic


def register(sub: argparse._SubParsersAction) -> None:
    chart = sub.add_parser("star-chart", help="draw a participant's Recovery Star as PNG or SVG")
    chart.add_argument("participant", metavar="PARTICIPANT", help="an id or an unambiguous name")
    add_db_argument(chart)
    chart.add_argument("--out", type=Path, required=True, help="the .png or .svg file to write")
    chart.add_argument(
        "--trends",
        action="store_true",
        help="draw every domain over time (small charts) instead of the star",
    )
    chart.add_argument(
        "--readings",
        default="",
        help="reading dates to overlay, up to three, comma-separated (default: first and latest)",
    )
    chart.add_argument("--dpi", type=int, default=150, help="dots per inch of a PNG (default 150)")
    chart.set_defaults(func=run_star_chart)


def run_star_chart(args) -> int:
    suffix = args.out.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise UsageError("--out should end in .png or .svg.")
    if not args.out.parent.exists():
        raise UsageError(f"The folder {args.out.parent} does not exist.")
    if not 50 <= args.dpi <= 600:
        raise UsageError("--dpi should be between 50 and 600.")
    services = open_existing(args)
    try:
        p = services.participants.resolve(args.participant)
        readings = services.star.readings(p.id)
        if not readings:
            raise UsageError(f"{p.display_name} has no Recovery Star readings yet.")
        ids = None
        if args.trends:
            ids = [r.id for r in readings]
        elif args.readings:
            by_day = {r.taken_on.isoformat(): r.id for r in readings}
            wanted = [d.strip() for d in args.readings.split(",") if d.strip()]
            missing = [d for d in wanted if d not in by_day]
            if missing:
                raise UsageError(
                    f"{p.display_name} has no reading on {missing[0]}; readings are on "
                    f"{', '.join(sorted(by_day))}."
                )
            if len(wanted) > 3:
                raise UsageError("Choose up to three readings to compare.")
            ids = [by_day[d] for d in wanted]
        template, chart_readings = services.star.chart_data(p.id, ids)
    finally:
        services.close()

    from recoverydesk.charts import star as charts

    title = f"{p.display_name}: {template.name}"
    if args.trends:
        fig = charts.trend_figure(template, chart_readings, title=title)
    else:
        fig = charts.radar_figure(template, chart_readings, title=title, height=None)
    data = charts.figure_to_svg(fig) if suffix == ".svg" else charts.figure_to_png(fig, args.dpi)
    write_atomic(args.out, data)  # whole or not at all; a full disk is said in words
    count = len(chart_readings)
    what = "trends" if args.trends else f"chart ({count} reading{'' if count == 1 else 's'})"
    print(f"Wrote {p.display_name}'s {template.name} {what} to {args.out}.")
    return 0
